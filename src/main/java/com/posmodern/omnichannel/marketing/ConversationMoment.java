package com.posmodern.omnichannel.marketing;

/**
 * The points of the ordering conversation that can become marketing events, each with the event it
 * sends by default; {@code omnichannel.marketing.events.<key>} maps a moment to another standard or
 * custom event, or to {@code none}. The README has the table of moments, events and fields.
 */
public enum ConversationMoment {
  /** The first message of a conversation. */
  CONVERSATION_STARTED("conversation-started", "PageView"),
  /** A menu category was shown. */
  CATEGORY_VIEWED("category-viewed", "ViewContent"),
  /** The customer picked an item (its sizes and add-ons are asked next). */
  ITEM_VIEWED("item-viewed", "ViewContent"),
  /** A typed order was read and matched menu items. */
  SEARCHED("searched", "Search"),
  /** Items went into the cart. */
  ITEM_ADDED("item-added", "AddToCart"),
  /**
   * The customer wanted to check out while the restaurant was closed: the cart is kept for later.
   */
  SAVED_FOR_LATER("saved-for-later", "AddToWishlist"),
  /** Checkout started (cart within the minimum order, restaurant open). */
  CHECKOUT_STARTED("checkout-started", "InitiateCheckout"),
  /** Name, phone and (for delivery) address given. */
  DETAILS_GIVEN("details-given", "CompleteRegistration"),
  /** A payment method was chosen. */
  PAYMENT_CHOSEN("payment-chosen", "AddPaymentInfo"),
  /** The order is bought: paid (PIX, card) or placed to pay in cash. */
  PURCHASED("purchased", "Purchase"),
  /** The customer accepted marketing messages. */
  OPTED_IN("opted-in", "Lead"),
  /** The customer asked for a person. */
  SUPPORT_REQUESTED("support-requested", "Contact"),
  /** The customer rated a delivered order (a custom event by default). */
  ORDER_RATED("order-rated", "RatingProvided"),
  /** The customer cancelled an order (a custom event by default). */
  ORDER_CANCELLED("order-cancelled", "OrderCanceled");

  private final String key;
  private final String defaultEvent;

  ConversationMoment(String key, String defaultEvent) {
    this.key = key;
    this.defaultEvent = defaultEvent;
  }

  /** The configuration key. */
  public String key() {
    return key;
  }

  /** The event sent unless configured otherwise. */
  public String defaultEvent() {
    return defaultEvent;
  }
}
