package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.MessageKind;
import com.posmodern.omnichannel.chatbot.ConversationState.PendingQuestion;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.marketing.MarketingEvent.Item;
import com.posmodern.omnichannel.pos.catalog.Menu;
import java.util.ArrayList;
import java.util.List;

/**
 * A typed order ("quero 2 pizzas de calabresa grandes e uma coca") read by {@link OrderTextParser}:
 * what it names fully goes into the cart, what is ambiguous becomes questions asked one by one.
 */
final class TypedOrders {

  private final MenuSteps menu;
  private final CartSteps cart;

  TypedOrders(MenuSteps menu, CartSteps cart) {
    this.menu = menu;
    this.cart = cart;
  }

  /** Reads the text as an order; false when it names nothing on the menu. */
  boolean read(TurnContext turn) {
    if (turn.isPayload()
        || turn.message().kind() != MessageKind.TEXT
        || turn.normalized().isEmpty()) {
      return false;
    }
    OrderTextParser.Reading reading = OrderTextParser.read(turn.input(), turn.menu());
    if (!reading.understoodAnything()) {
      return false;
    }
    searched(turn, reading);
    Texts texts = turn.texts();
    List<String> added = new ArrayList<>();
    for (OrderTextParser.Request request : reading.requests()) {
      CartLine line =
          CartSteps.line(request.item(), request.variant(), request.addons(), request.quantity());
      cart.add(turn, line);
      added.add(
          texts.get(
              "cart.line", line.quantity(), line.description(), texts.price(line.totalCents())));
    }
    if (!added.isEmpty()) {
      turn.say(texts.get("cart.added.many", String.join("\n", added)));
    }
    for (Menu.Item item : reading.unavailable()) {
      turn.say(texts.get("item.unavailable", item.name()));
    }
    List<PendingQuestion> questions = new ArrayList<>(turn.state().questions());
    for (OrderTextParser.Question question : reading.questions()) {
      questions.add(
          new PendingQuestion(
              question.items().stream().map(Menu.Item::id).toList(),
              question.quantity(),
              question.addons().stream().map(Menu.Addon::id).toList()));
    }
    turn.state(turn.state().withQuestions(questions).understood());
    if (!menu.nextQuestion(turn)) {
      cart.offerAfterAdding(turn);
    }
    return true;
  }

  /** The menu items a typed order matched, by their menu names (never the typed text). */
  private static void searched(TurnContext turn, OrderTextParser.Reading reading) {
    List<Menu.Item> found = new ArrayList<>();
    reading.requests().forEach(request -> found.add(request.item()));
    reading.questions().forEach(question -> found.addAll(question.items()));
    found.addAll(reading.unavailable());
    if (found.isEmpty()) {
      return;
    }
    List<Menu.Item> distinct = found.stream().distinct().toList();
    turn.signal(
        ConversationMoment.SEARCHED,
        new EventData(
            null,
            null,
            distinct.stream().map(i -> new Item(i.id(), i.name(), 1, i.fromPriceCents())).toList(),
            null,
            String.join(", ", distinct.stream().map(Menu.Item::name).toList()),
            null));
  }
}
