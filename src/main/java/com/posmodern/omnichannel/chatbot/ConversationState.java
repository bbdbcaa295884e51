package com.posmodern.omnichannel.chatbot;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.util.List;

/**
 * Where a conversation stands, stored as JSON with the conversation (so it survives restarts and
 * moves between instances): the last question asked, the item being chosen, the cart, what checkout
 * has gathered, the order in play, and how many times in a row the bot did not understand.
 *
 * @param step the question the customer is answering
 * @param category the category being browsed
 * @param offeredChoices payloads of the options last offered, in order, so a typed number picks one
 * @param pending the item being configured (size, add-ons, quantity)
 * @param questions free-text requests still to clarify, in order
 * @param cart what the customer is ordering
 * @param checkout what checkout has gathered
 * @param orderId the order in play: awaiting payment, to track, to rate
 * @param misunderstood consecutive messages the bot did not understand
 * @param burst typed messages waiting to be answered together (see {@code
 *     omnichannel.chatbot.burst-window-ms})
 */
public record ConversationState(
    Step step,
    String category,
    List<String> offeredChoices,
    PendingItem pending,
    List<PendingQuestion> questions,
    List<CartLine> cart,
    Checkout checkout,
    String orderId,
    int misunderstood,
    Burst burst) {

  /** The question the customer is answering. */
  public enum Step {
    @JsonEnumDefaultValue
    BROWSING,
    CHOOSING_ITEM,
    CHOOSING_VARIANT,
    CHOOSING_ADDONS,
    CHOOSING_QUANTITY,
    CART,
    EDITING_LINE,
    FULFILMENT,
    NAME,
    PHONE,
    CEP,
    STREET,
    NUMBER,
    COMPLEMENT,
    NEIGHBOURHOOD,
    CONFIRM,
    PAYMENT,
    CASH_CHANGE,
    CONSENT,
    ORDERED,
    RATING,
    COMMENT,
    HUMAN
  }

  /** An item being configured; {@code quantity} 0 means not asked yet. */
  public record PendingItem(String itemId, String variantId, List<String> addonIds, int quantity) {

    public PendingItem {
      addonIds = addonIds == null ? List.of() : List.copyOf(addonIds);
    }
  }

  /**
   * Typed messages not answered yet because more may follow.
   *
   * @param id the turn's id: {@code burst:} and the first message's id
   * @param texts the messages, in order
   * @param due when to answer them if nothing more comes
   * @param firstContact whether they opened the conversation (the answer starts with a welcome)
   */
  public record Burst(String id, List<String> texts, java.time.Instant due, boolean firstContact) {

    public Burst {
      texts = List.copyOf(texts);
    }

    Burst plus(String text, java.time.Instant newDue) {
      List<String> all = new java.util.ArrayList<>(texts);
      all.add(text);
      return new Burst(id, all, newDue, firstContact);
    }
  }

  /** A free-text request to clarify: which of these items (or, with one item, which size). */
  public record PendingQuestion(List<String> itemIds, int quantity, List<String> addonIds) {

    public PendingQuestion {
      itemIds = List.copyOf(itemIds);
      addonIds = addonIds == null ? List.of() : List.copyOf(addonIds);
    }
  }

  public ConversationState {
    step = step == null ? Step.BROWSING : step;
    offeredChoices = offeredChoices == null ? List.of() : List.copyOf(offeredChoices);
    questions = questions == null ? List.of() : List.copyOf(questions);
    cart = cart == null ? List.of() : List.copyOf(cart);
    checkout = checkout == null ? Checkout.empty() : checkout;
  }

  /** The state of a conversation that has just begun. */
  public static ConversationState start() {
    return new ConversationState(
        Step.BROWSING, null, List.of(), null, List.of(), List.of(), null, null, 0, null);
  }

  ConversationState at(Step next, List<String> offered) {
    return new ConversationState(
        next, category, offered, pending, questions, cart, checkout, orderId, misunderstood, burst);
  }

  ConversationState browsing(String newCategory, List<String> offered) {
    return new ConversationState(
        Step.BROWSING, newCategory, offered, null, List.of(), cart, checkout, orderId, 0, burst);
  }

  ConversationState withPending(PendingItem item) {
    return new ConversationState(
        step,
        category,
        offeredChoices,
        item,
        questions,
        cart,
        checkout,
        orderId,
        misunderstood,
        burst);
  }

  ConversationState withQuestions(List<PendingQuestion> remaining) {
    return new ConversationState(
        step,
        category,
        offeredChoices,
        pending,
        remaining,
        cart,
        checkout,
        orderId,
        misunderstood,
        burst);
  }

  ConversationState withCart(List<CartLine> lines) {
    return new ConversationState(
        step,
        category,
        offeredChoices,
        pending,
        questions,
        lines,
        checkout,
        orderId,
        misunderstood,
        burst);
  }

  ConversationState withCheckout(Checkout next) {
    return new ConversationState(
        step,
        category,
        offeredChoices,
        pending,
        questions,
        cart,
        next,
        orderId,
        misunderstood,
        burst);
  }

  ConversationState withOrder(String id) {
    return new ConversationState(
        step,
        category,
        offeredChoices,
        pending,
        questions,
        cart,
        checkout,
        id,
        misunderstood,
        burst);
  }

  ConversationState withBurst(Burst next) {
    return new ConversationState(
        step,
        category,
        offeredChoices,
        pending,
        questions,
        cart,
        checkout,
        orderId,
        misunderstood,
        next);
  }

  ConversationState understood() {
    return misunderstood == 0
        ? this
        : new ConversationState(
            step, category, offeredChoices, pending, questions, cart, checkout, orderId, 0, burst);
  }

  ConversationState notUnderstood() {
    return new ConversationState(
        step,
        category,
        offeredChoices,
        pending,
        questions,
        cart,
        checkout,
        orderId,
        misunderstood + 1,
        burst);
  }

  /** Subtotal of the cart. */
  long subtotalCents() {
    return cart.stream().mapToLong(CartLine::totalCents).sum();
  }

  /** What the customer pays: the cart, plus the delivery fee when delivering. */
  long totalCents() {
    return subtotalCents()
        + (checkout != null && Boolean.TRUE.equals(checkout.delivery()) ? checkout.feeCents() : 0);
  }
}
