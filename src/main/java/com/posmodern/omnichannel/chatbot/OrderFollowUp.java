package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.pos.catalog.Menu;
import com.posmodern.omnichannel.pos.orders.Order;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import com.posmodern.omnichannel.pos.orders.OrderStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a customer asks about orders already placed, at any step: where they are, cancelling the
 * latest before the POS accepts it, and ordering the last one again.
 */
final class OrderFollowUp {

  private final OrderBook orders;
  private final Prompts prompts;
  private final CartSteps cart;

  OrderFollowUp(OrderBook orders, Prompts prompts, CartSteps cart) {
    this.orders = orders;
    this.prompts = prompts;
    this.cart = cart;
  }

  /** The status of the customer's recent orders. */
  void track(TurnContext turn) {
    Texts texts = turn.texts();
    List<Order> recent = orders.recent(turn.conversation().id(), 3);
    if (recent.isEmpty()) {
      turn.say(texts.get("track.none"));
      prompts.offerCategories(turn, "categories.question");
      return;
    }
    StringBuilder text = new StringBuilder(texts.get("track.header"));
    for (Order order : recent) {
      String eta =
          order.etaMinutes() == null || order.status().finished()
              ? ""
              : texts.get("track.eta", order.etaMinutes());
      text.append("\n• ")
          .append(
              texts.get(
                  "track.line",
                  order.id(),
                  texts.get("status." + order.status().id()),
                  texts.price(order.totalCents()),
                  eta));
      if ("pending".equals(order.paymentStatus()) && order.status() != OrderStatus.CANCELLED) {
        text.append(' ').append(texts.get("track.awaiting.payment"));
      }
    }
    turn.say(text.toString());
    prompts.offerMenu(turn, "help.question");
  }

  /** Cancels the latest order if the POS has not accepted it yet. */
  void cancel(TurnContext turn) {
    Texts texts = turn.texts();
    Optional<Order> latest = orders.recent(turn.conversation().id(), 1).stream().findFirst();
    if (latest.isEmpty() || latest.get().status().finished()) {
      turn.say(texts.get("cancel.nothing"));
      prompts.offerMenu(turn, "help.question");
      return;
    }
    Order order = latest.get();
    if (orders.cancelByCustomer(order.id())) {
      turn.signal(
          ConversationMoment.ORDER_CANCELLED,
          new EventData(order.totalCents(), "BRL", List.of(), null, null, order.id()));
      turn.say(texts.get("cancel.done", order.id()));
      turn.state(turn.state().at(Step.BROWSING, List.of()));
      prompts.offerMenu(turn, "help.question");
    } else {
      turn.say(
          texts.get("cancel.too.late", order.id(), texts.get("status." + order.status().id())));
      turn.ask(
          Step.ORDERED,
          texts.get("help.question"),
          List.of(
              new Choice("HUMAN", texts.get("choice.human")),
              new Choice("TRACK", texts.get("choice.track"))));
    }
  }

  /** Puts the last order (not cancelled) back in the cart, at today's menu and prices. */
  void reorder(TurnContext turn) {
    Texts texts = turn.texts();
    Menu menu = turn.menu();
    Optional<Order> last =
        orders.recent(turn.conversation().id(), 5).stream()
            .filter(o -> o.status() != OrderStatus.CANCELLED)
            .findFirst();
    if (last.isEmpty()) {
      turn.say(texts.get("reorder.none"));
      prompts.offerCategories(turn, "categories.question");
      return;
    }
    List<String> missing = new ArrayList<>();
    List<CartLine> lines = new ArrayList<>();
    for (Order.Line ordered : last.get().items()) {
      Optional<Menu.Item> item = menu.item(ordered.itemId()).filter(Menu.Item::available);
      Optional<Menu.Variant> variant =
          item.flatMap(
              i -> ordered.variantId() == null ? Optional.empty() : i.variant(ordered.variantId()));
      if (item.isEmpty() || (ordered.variantId() != null && variant.isEmpty())) {
        missing.add(ordered.name());
        continue;
      }
      List<Menu.Addon> addons =
          ordered.addons().stream()
              .map(a -> item.get().addon(a.id()).orElse(null))
              .filter(a -> a != null)
              .toList();
      lines.add(CartSteps.line(item.get(), variant.orElse(null), addons, ordered.quantity()));
    }
    turn.state(turn.state().withCart(lines).withCheckout(Checkout.empty()));
    if (!missing.isEmpty()) {
      turn.say(texts.get("reorder.missing", String.join(", ", missing)));
    }
    turn.say(texts.get("reorder.done", last.get().id()));
    cart.show(turn);
  }
}
