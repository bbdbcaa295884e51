package com.posmodern.omnichannel.chatbot;

import static com.posmodern.omnichannel.chatbot.Payloads.PAY;

import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ImagePart;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.payment.PaymentLink;
import com.posmodern.omnichannel.payment.PaymentProvider;
import com.posmodern.omnichannel.payment.PaymentUnavailableException;
import com.posmodern.omnichannel.payment.PixCharges;
import com.posmodern.omnichannel.pos.orders.Order;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import com.posmodern.omnichannel.pos.orders.OrderStatus;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment and placing the order: PIX (the BR Code and its QR image), a card payment link, or cash
 * with the change asked; the order then goes to the order book (and from there to the POS), and the
 * customer is asked once for marketing consent (after a cash order; after a PIX or card payment is
 * confirmed, by {@link OrderEvents}). Answers the {@code PAYMENT} and {@code CASH_CHANGE} steps.
 */
final class PaymentSteps implements StepHandler {

  private static final Pattern MONEY = Pattern.compile("(\\d{1,5})(?:[,.](\\d{1,2}))?");

  /** An amount in a sentence (normalized: "r 100 00", "troco pra 100", "100 reais"). */
  private static final Pattern CHANGE_AMOUNT =
      Pattern.compile("(?:^|\\D)(\\d{1,5})(?: (\\d{2}))?(?: reais| conto| pila)?(?:$| )");

  private static final Map<String, Long> NOTES_IN_WORDS =
      Map.of("cinquenta", 5_000L, "cem", 10_000L, "duzentos", 20_000L, "vinte", 2_000L);

  private static final Set<String> NO_CHANGE =
      Set.of(
          "nao",
          "nao preciso",
          "sem troco",
          "nao precisa",
          "n",
          "nao precisa de troco",
          "nao preciso de troco",
          "tenho trocado",
          "sem necessidade");

  private final OrderBook orders;
  private final PixCharges pix;
  private final PaymentProvider cardPayments;
  private final ConsentLedger consent;
  private final RestaurantHours hours;
  private final Prompts prompts;

  PaymentSteps(
      OrderBook orders,
      PixCharges pix,
      PaymentProvider cardPayments,
      ConsentLedger consent,
      RestaurantHours hours,
      Prompts prompts) {
    this.orders = orders;
    this.pix = pix;
    this.cardPayments = cardPayments;
    this.consent = consent;
    this.hours = hours;
    this.prompts = prompts;
  }

  @Override
  public Set<Step> steps() {
    return Set.of(Step.PAYMENT, Step.CASH_CHANGE);
  }

  @Override
  public boolean answer(TurnContext turn) {
    String input = turn.input();
    long total = turn.state().totalCents();
    Texts texts = turn.texts();
    if (turn.state().step() == Step.PAYMENT) {
      String method =
          input.startsWith(PAY)
              ? input.substring(PAY.length()).toLowerCase(Locale.ROOT)
              : paymentNamed(turn.normalized());
      if (method == null) {
        return false;
      }
      turn.signal(ConversationMoment.PAYMENT_CHOSEN, turn.cartData(total));
      if (method.equals("cash")) {
        askChange(turn);
      } else {
        placeOrder(turn, method, 0);
      }
      return true;
    }
    if (input.equals("NO_CHANGE") || NO_CHANGE.contains(turn.normalized())) {
      placeOrder(turn, "cash", 0);
      return true;
    }
    Long cents = money(input);
    if (cents == null) {
      cents = changeFor(turn.normalized());
    }
    if (cents == null) {
      return false;
    }
    if (cents < total) {
      turn.say(texts.get("payment.cash.change.too.low", texts.price(total)));
      return true;
    }
    // Exactly the total: no change to bring.
    placeOrder(turn, "cash", cents == total ? 0 : cents);
    return true;
  }

  @Override
  public boolean askAgain(TurnContext turn) {
    if (turn.state().step() == Step.PAYMENT) {
      askPayment(turn);
    } else {
      askChange(turn);
    }
    return true;
  }

  private static void askChange(TurnContext turn) {
    Texts texts = turn.texts();
    turn.ask(
        Step.CASH_CHANGE,
        texts.get("payment.cash.change.question", texts.price(turn.state().totalCents())),
        List.of(new Choice("NO_CHANGE", texts.get("choice.no.change"))));
  }

  /** How the customer wants to pay the total. */
  void askPayment(TurnContext turn) {
    Texts texts = turn.texts();
    turn.ask(
        Step.PAYMENT,
        texts.get("payment.question", texts.price(turn.state().totalCents())),
        List.of(
            new Choice(PAY + "PIX", texts.get("choice.pix")),
            new Choice(PAY + "CARD", texts.get("choice.card")),
            new Choice(PAY + "CASH", texts.get("choice.cash"))));
  }

  private void placeOrder(TurnContext turn, String method, long changeFor) {
    if (!hours.openNow(turn)) {
      return;
    }
    Texts texts = turn.texts();
    ConversationState state = turn.state();
    Checkout checkout = state.checkout().withPayment(method, changeFor);
    boolean delivery = Boolean.TRUE.equals(checkout.delivery());
    Order order =
        orders.place(
            new Order(
                null,
                turn.conversation().id(),
                turn.conversation().channel().id(),
                new Order.Customer(checkout.name(), checkout.phone()),
                delivery ? "delivery" : "pickup",
                delivery
                    ? new Order.Address(
                        checkout.cep(),
                        checkout.street(),
                        checkout.number(),
                        checkout.complement(),
                        checkout.neighbourhood(),
                        checkout.zoneId())
                    : null,
                orderLines(state),
                state.subtotalCents(),
                delivery ? checkout.feeCents() : 0,
                state.totalCents(),
                method,
                method.equals("cash") ? "on_delivery" : "pending",
                changeFor,
                OrderStatus.CONFIRMED,
                delivery ? checkout.etaMinutes() : null,
                null));
    turn.state(
        new ConversationState(
            Step.ORDERED,
            null,
            List.of(),
            null,
            List.of(),
            List.of(),
            checkout,
            order.id(),
            0,
            null));
    switch (method) {
      case "pix" -> {
        turn.say(texts.get("order.placed.pix", order.id(), texts.price(order.totalCents())));
        turn.say(pix.copyAndPaste(order.id(), order.totalCents()));
        if (turn.capabilities().images()) {
          turn.add(new ImagePart(pix.qrImageUrl(order.id()), texts.get("order.pix.qr.caption")));
        }
        turn.say(texts.get("order.pix.after"));
      }
      case "card" -> {
        try {
          PaymentLink link =
              cardPayments.linkFor(
                  order.id(),
                  texts.get("order.description", order.id(), turn.menu().restaurant().name()),
                  order.totalCents());
          turn.say(
              texts.get(
                  "order.placed.card", order.id(), texts.price(order.totalCents()), link.url()));
        } catch (PaymentUnavailableException e) {
          turn.say(texts.get("order.placed.card.unavailable", order.id()));
        }
      }
      default ->
          turn.say(
              changeFor > 0
                  ? texts.get(
                      "order.placed.cash.change",
                      order.id(),
                      texts.price(order.totalCents()),
                      texts.price(changeFor),
                      texts.price(changeFor - order.totalCents()))
                  : texts.get("order.placed.cash", order.id(), texts.price(order.totalCents())));
    }
    if (method.equals("cash")) {
      // Cash is paid on delivery: the order is bought once placed. PIX and card orders are
      // bought when the payment is confirmed (OrderEvents).
      turn.signal(ConversationSignals.purchase(order));
    }
    // Asked once the payment step is complete: now for cash; for PIX and card when the payment
    // is confirmed (OrderEvents).
    if (method.equals("cash") && consent.undecided(turn.conversation().id())) {
      ConsentSteps.ask(turn);
    } else {
      prompts.offerAfterOrder(turn);
    }
  }

  private static List<Order.Line> orderLines(ConversationState state) {
    return state.cart().stream()
        .map(
            l ->
                new Order.Line(
                    l.itemId(),
                    l.itemName(),
                    l.variantId(),
                    l.variantName(),
                    l.addons().stream()
                        .map(a -> new Order.Addon(a.id(), a.name(), a.priceCents()))
                        .toList(),
                    l.quantity(),
                    l.unitPriceCents(),
                    l.totalCents()))
        .toList();
  }

  private static String paymentNamed(String text) {
    if (text.contains("pix")) {
      return "pix";
    }
    if (text.contains("cartao") || text.contains("credito") || text.contains("card")) {
      return "card";
    }
    if (text.contains("dinheiro") || text.contains("especie") || text.contains("cash")) {
      return "cash";
    }
    return null;
  }

  /**
   * The note the customer will pay with, in the ways people say it: "troco pra 100", "R$100,00",
   * "100 reais", "cem reais", "vou pagar com 100", "tenho uma nota de 50".
   */
  static Long changeFor(String normalized) {
    Matcher amount = CHANGE_AMOUNT.matcher(normalized);
    if (amount.find()) {
      long reais = Long.parseLong(amount.group(1));
      return reais * 100 + (amount.group(2) == null ? 0 : Long.parseLong(amount.group(2)));
    }
    // A note named in words, only when exactly one is named ("cento e cinquenta" is not read).
    List<Long> named =
        NOTES_IN_WORDS.entrySet().stream()
            .filter(note -> (" " + normalized + " ").contains(" " + note.getKey() + " "))
            .map(Map.Entry::getValue)
            .toList();
    return named.size() == 1 && !normalized.contains("cento") ? named.get(0) : null;
  }

  /** Reais typed alone: "100", "100,00", "R$ 50" (words and sentences: {@link #changeFor}). */
  static Long money(String typed) {
    Matcher matcher = MONEY.matcher(typed.replace("R$", "").replace(" ", ""));
    if (!matcher.matches()) {
      return null;
    }
    long reais = Long.parseLong(matcher.group(1));
    String fraction = matcher.group(2) == null ? "0" : matcher.group(2);
    long cents = fraction.length() == 1 ? Long.parseLong(fraction) * 10 : Long.parseLong(fraction);
    return reais * 100 + cents;
  }
}
