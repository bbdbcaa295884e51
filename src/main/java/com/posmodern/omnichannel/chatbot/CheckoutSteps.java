package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.pos.catalog.Menu;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkout: delivery or pickup, the customer's name and phone (the channel's when it gives them),
 * the address by CEP and the delivery zone it falls in, then the summary to confirm. Answers the
 * steps from {@code FULFILMENT} to {@code CONFIRM}; a confirmed summary goes on to payment.
 */
final class CheckoutSteps implements StepHandler {

  private static final Pattern CEP = Pattern.compile("^(\\d{5})-?(\\d{3})$");

  /** A CEP written inside a sentence: "cep 04101-000", "meu cep é 04.101-000", "04101 000". */
  private static final Pattern CEP_IN_TEXT =
      Pattern.compile("(?<![\\d])(\\d{2})\\.?(\\d{3})[\\s.-]?(\\d{3})(?![\\d])");

  private static final Set<String> YES =
      Set.of("sim", "confirmar", "confirmo", "ok", "isso", "pode ser", "yes");
  private static final Set<String> NO_COMPLEMENT =
      Set.of("nao", "sem", "sem complemento", "nenhum", "n");

  private final Prompts prompts;
  private final CartSteps cart;
  private final RestaurantHours hours;
  private final PaymentSteps payment;

  CheckoutSteps(Prompts prompts, CartSteps cart, RestaurantHours hours, PaymentSteps payment) {
    this.prompts = prompts;
    this.cart = cart;
    this.hours = hours;
    this.payment = payment;
  }

  @Override
  public Set<Step> steps() {
    return Set.of(
        Step.FULFILMENT,
        Step.NAME,
        Step.PHONE,
        Step.CEP,
        Step.STREET,
        Step.NUMBER,
        Step.COMPLEMENT,
        Step.NEIGHBOURHOOD,
        Step.CONFIRM);
  }

  @Override
  public boolean answer(TurnContext turn) {
    String input = turn.input();
    String normalized = turn.normalized();
    Texts texts = turn.texts();
    ConversationState state = turn.state();
    Checkout checkout = state.checkout();
    switch (state.step()) {
      case FULFILMENT -> {
        if (input.equals("DELIVERY")
            || normalized.contains("entrega")
            || normalized.equals("delivery")) {
          turn.state(state.withCheckout(checkout.withDelivery(true)));
          askName(turn);
          return true;
        }
        if (input.equals("PICKUP")
            || normalized.contains("retir")
            || normalized.contains("buscar")
            || normalized.contains("balcao")) {
          turn.state(state.withCheckout(checkout.withDelivery(false)));
          askName(turn);
          return true;
        }
        return false;
      }
      case NAME -> {
        String name = input.equals("USE_NAME") ? turn.conversation().customerName() : input.strip();
        if (name == null || name.length() < 2 || name.length() > 80) {
          turn.say(texts.get("checkout.name.invalid"));
          return true;
        }
        turn.state(state.withCheckout(checkout.withName(name)));
        askPhone(turn);
        return true;
      }
      case PHONE -> {
        String digits = input.replaceAll("\\D", "");
        if (digits.startsWith("55") && digits.length() >= 12) {
          digits = digits.substring(2);
        }
        if (digits.length() < 10 || digits.length() > 11) {
          turn.say(texts.get("checkout.phone.invalid"));
          return true;
        }
        turn.state(state.withCheckout(checkout.withPhone("+55" + digits)));
        askAddressOrConfirm(turn);
        return true;
      }
      case CEP -> {
        readCep(turn);
        return true;
      }
      case STREET -> {
        if (input.length() < 3) {
          turn.say(texts.get("checkout.street.question"));
          return true;
        }
        turn.state(state.withCheckout(checkout.withStreet(input.strip())));
        turn.ask(Step.NUMBER, texts.get("checkout.number.question"), List.of());
        return true;
      }
      case NUMBER -> {
        if (input.isBlank() || input.length() > 20) {
          turn.say(texts.get("checkout.number.question"));
          return true;
        }
        turn.state(state.withCheckout(checkout.withNumber(houseNumber(input))));
        askComplement(turn);
        return true;
      }
      case COMPLEMENT -> {
        boolean none = input.equals("NO_COMPLEMENT") || NO_COMPLEMENT.contains(normalized);
        turn.state(state.withCheckout(checkout.withComplement(none ? "" : input.strip())));
        turn.ask(Step.NEIGHBOURHOOD, texts.get("checkout.neighbourhood.question"), List.of());
        return true;
      }
      case NEIGHBOURHOOD -> {
        if (input.length() < 2) {
          turn.say(texts.get("checkout.neighbourhood.question"));
          return true;
        }
        turn.state(state.withCheckout(checkout.withNeighbourhood(input.strip())));
        showSummary(turn);
        return true;
      }
      case CONFIRM -> {
        if (input.equals("CONFIRM") || YES.contains(normalized)) {
          payment.askPayment(turn);
          return true;
        }
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * Starts checkout: refused politely with an empty cart, while closed (the cart kept for later) or
   * under the minimum order.
   */
  void start(TurnContext turn) {
    Texts texts = turn.texts();
    Menu menu = turn.menu();
    ConversationState state = turn.state();
    if (state.cart().isEmpty()) {
      turn.say(texts.get("cart.empty"));
      prompts.offerCategories(turn, "categories.question");
      return;
    }
    if (!hours.openNow(turn)) {
      turn.signal(ConversationMoment.SAVED_FOR_LATER, turn.cartData(state.subtotalCents()));
      return;
    }
    if (state.subtotalCents() < menu.minimumOrderCents()) {
      turn.say(
          texts.get(
              "checkout.minimum",
              texts.price(menu.minimumOrderCents()),
              texts.price(menu.minimumOrderCents() - state.subtotalCents())));
      cart.offerAfterAdding(turn);
      return;
    }
    turn.state(state.withCheckout(Checkout.empty()));
    turn.signal(ConversationMoment.CHECKOUT_STARTED, turn.cartData(state.subtotalCents()));
    if (menu.deliveryZones().isEmpty()) {
      turn.state(turn.state().withCheckout(turn.state().checkout().withDelivery(false)));
      askName(turn);
      return;
    }
    askFulfilment(turn);
  }

  @Override
  public boolean askAgain(TurnContext turn) {
    Texts texts = turn.texts();
    switch (turn.state().step()) {
      case FULFILMENT -> askFulfilment(turn);
      case NAME -> askName(turn);
      case PHONE -> turn.ask(Step.PHONE, texts.get("checkout.phone.question"), List.of());
      case CEP -> turn.ask(Step.CEP, texts.get("checkout.cep.question"), List.of());
      case STREET -> turn.ask(Step.STREET, texts.get("checkout.street.question"), List.of());
      case NUMBER -> turn.ask(Step.NUMBER, texts.get("checkout.number.question"), List.of());
      case COMPLEMENT -> askComplement(turn);
      case NEIGHBOURHOOD ->
          turn.ask(Step.NEIGHBOURHOOD, texts.get("checkout.neighbourhood.question"), List.of());
      case CONFIRM -> askConfirmation(turn);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void askFulfilment(TurnContext turn) {
    Texts texts = turn.texts();
    turn.ask(
        Step.FULFILMENT,
        texts.get("checkout.fulfilment.question"),
        List.of(
            new Choice("DELIVERY", texts.get("choice.delivery")),
            new Choice("PICKUP", texts.get("choice.pickup"))));
  }

  private void askComplement(TurnContext turn) {
    Texts texts = turn.texts();
    turn.ask(
        Step.COMPLEMENT,
        texts.get("checkout.complement.question"),
        List.of(new Choice("NO_COMPLEMENT", texts.get("choice.no.complement"))));
  }

  private void askConfirmation(TurnContext turn) {
    Texts texts = turn.texts();
    turn.ask(
        Step.CONFIRM,
        texts.get("summary.question"),
        List.of(
            new Choice("CONFIRM", texts.get("choice.confirm")),
            new Choice("CART", texts.get("choice.edit.cart")),
            new Choice("RESTART", texts.get("choice.cancel"))));
  }

  private void readCep(TurnContext turn) {
    Texts texts = turn.texts();
    Matcher cep = CEP.matcher(cepDigits(turn.input()));
    if (!cep.matches()) {
      turn.say(texts.get("checkout.cep.invalid"));
      return;
    }
    String digits = cep.group(1) + cep.group(2);
    Optional<Menu.DeliveryZone> zone = turn.menu().zoneFor(digits);
    if (zone.isEmpty()) {
      turn.say(
          texts.get("checkout.cep.outside", digits.substring(0, 5) + "-" + digits.substring(5)));
      turn.ask(
          Step.FULFILMENT,
          texts.get("checkout.cep.outside.question"),
          List.of(
              new Choice("PICKUP", texts.get("choice.pickup")),
              new Choice("RESTART", texts.get("choice.restart"))));
      return;
    }
    Menu.DeliveryZone z = zone.get();
    turn.state(
        turn.state()
            .withCheckout(
                turn.state().checkout().withCep(digits, z.id(), z.feeCents(), z.etaMinutes())));
    turn.say(texts.get("checkout.cep.zone", z.name(), texts.price(z.feeCents()), z.etaMinutes()));
    turn.ask(Step.STREET, texts.get("checkout.street.question"), List.of());
  }

  private void askName(TurnContext turn) {
    String known = turn.conversation().customerName();
    List<Choice> choices =
        known == null || known.isBlank() ? List.of() : List.of(new Choice("USE_NAME", known));
    turn.ask(Step.NAME, turn.texts().get("checkout.name.question"), choices);
  }

  private void askPhone(TurnContext turn) {
    String phone = turn.conversation().customerPhone();
    if (phone != null && !phone.isBlank()) {
      turn.state(turn.state().withCheckout(turn.state().checkout().withPhone(phone)));
      askAddressOrConfirm(turn);
      return;
    }
    turn.ask(Step.PHONE, turn.texts().get("checkout.phone.question"), List.of());
  }

  private void askAddressOrConfirm(TurnContext turn) {
    if (Boolean.TRUE.equals(turn.state().checkout().delivery())) {
      turn.ask(Step.CEP, turn.texts().get("checkout.cep.question"), List.of());
    } else {
      showSummary(turn);
    }
  }

  private void showSummary(TurnContext turn) {
    if (!hours.openNow(turn)) {
      return;
    }
    turn.signal(ConversationMoment.DETAILS_GIVEN, EventData.none());
    Texts texts = turn.texts();
    ConversationState state = turn.state();
    Checkout checkout = state.checkout();
    boolean delivery = Boolean.TRUE.equals(checkout.delivery());
    String fulfilment =
        delivery
            ? texts.get(
                "summary.delivery",
                checkout.name(),
                phoneText(checkout.phone()),
                checkout.addressLine(),
                checkout.etaMinutes())
            : texts.get("summary.pickup", checkout.name(), phoneText(checkout.phone()));
    String fee = delivery ? texts.get("summary.fee", texts.price(checkout.feeCents())) : "";
    turn.say(
        texts.get(
            "summary",
            CartSteps.lines(turn),
            texts.price(state.subtotalCents()),
            fee,
            texts.price(state.totalCents()),
            fulfilment));
    askConfirmation(turn);
  }

  /** A Brazilian phone as people write it: (11) 98765-4321. */
  static String phoneText(String phone) {
    if (phone == null) {
      return "";
    }
    String digits = phone.replaceAll("\\D", "");
    if (digits.startsWith("55") && digits.length() >= 12) {
      digits = digits.substring(2);
    }
    if (digits.length() == 11) {
      return "("
          + digits.substring(0, 2)
          + ") "
          + digits.substring(2, 7)
          + "-"
          + digits.substring(7);
    }
    if (digits.length() == 10) {
      return "("
          + digits.substring(0, 2)
          + ") "
          + digits.substring(2, 6)
          + "-"
          + digits.substring(6);
    }
    return phone;
  }

  /** The CEP's digits when the text holds exactly one CEP, else the text without spaces. */
  static String cepDigits(String typed) {
    Matcher found = CEP_IN_TEXT.matcher(typed);
    if (found.find()) {
      String digits = found.group(1) + found.group(2) + found.group(3);
      if (!found.find()) {
        return digits;
      }
    }
    return typed.replaceAll("[\\s.]", "");
  }

  /** The house number without the words around it: "nº 123", "numero 45" → "123", "45". */
  static String houseNumber(String typed) {
    Matcher number = HOUSE_NUMBER.matcher(typed.strip());
    return number.matches() ? number.group(1) : typed.strip();
  }

  private static final Pattern HOUSE_NUMBER =
      Pattern.compile("(?i)^(?:n[º°o]?\\.?|n[uú]mero|num\\.?|nr\\.?)\\s*:?\\s*(\\d+[a-zA-Z]?)$");
}
