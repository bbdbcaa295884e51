package com.posmodern.omnichannel.marketing;

import com.posmodern.omnichannel.canonical.Channel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One marketing event of a conversation, channel-neutral and still holding clear customer data:
 * each {@link MarketingIntegration} prepares its own request element from it (normalising and
 * hashing what its platform asks to be hashed), and only that element is stored and sent.
 *
 * @param eventId shared with a browser pixel for deduplication where it sees the same action
 *     (Purchase: {@code order-<code>})
 * @param name the event name (a standard one such as {@code Purchase}, or a configured custom one)
 * @param eventTime when the customer did it (the platform's message time)
 */
public record MarketingEvent(
    String eventId,
    String name,
    Instant eventTime,
    String conversationId,
    Channel channel,
    MessagingIds messaging,
    CustomerData customer,
    EventData data) {

  /** Meta's standard events (https://developers.facebook.com/docs/meta-pixel/reference). */
  public static final List<String> STANDARD =
      List.of(
          "AddPaymentInfo",
          "AddToCart",
          "AddToWishlist",
          "CompleteRegistration",
          "Contact",
          "CustomizeProduct",
          "Donate",
          "FindLocation",
          "InitiateCheckout",
          "Lead",
          "PageView",
          "Purchase",
          "Schedule",
          "Search",
          "StartTrial",
          "SubmitApplication",
          "Subscribe",
          "ViewContent");

  /** Whether the name is one of the standard events rather than a custom one. */
  public boolean standard() {
    return STANDARD.contains(name);
  }

  /**
   * The identifiers of the chat the event happened in, as the platform gave them (never hashed).
   *
   * @param businessId the Facebook Page id, the Instagram account id, or the WhatsApp sender number
   * @param customerScopedId the page-scoped (Messenger) or Instagram-scoped user id; the WhatsApp
   *     number's owner is in {@link CustomerData#phone()} instead
   * @param ctwaClid the click id of the click-to-WhatsApp ad the conversation came from, if any
   */
  public record MessagingIds(String businessId, String customerScopedId, String ctwaClid) {}

  /**
   * What the restaurant knows of the customer, clear. Every field may be null.
   *
   * @param externalId the restaurant's own stable id of the customer (here: the conversation id)
   */
  public record CustomerData(
      String email,
      String phone,
      String firstName,
      String lastName,
      String gender,
      LocalDate dateOfBirth,
      String city,
      String state,
      String zip,
      String country,
      String externalId) {

    /** Nothing known. */
    public static CustomerData none() {
      return new CustomerData(null, null, null, null, null, null, null, null, null, null, null);
    }
  }

  /**
   * What the event is about.
   *
   * @param valueCents the amount in centavos, or null
   * @param currency ISO 4217 (BRL)
   * @param contents the items, with their quantity and unit price
   * @param contentCategory a menu category name
   * @param searchString what the customer looked for, as the menu names it (never the raw typed
   *     text, which may hold personal data)
   * @param orderId the restaurant's order code
   * @param campaignId the WhatsApp campaign a purchase is attributed to, or null
   */
  public record EventData(
      Long valueCents,
      String currency,
      List<Item> contents,
      String contentCategory,
      String searchString,
      String orderId,
      String campaignId) {

    public EventData {
      contents = contents == null ? List.of() : List.copyOf(contents);
    }

    /** What an event is about, from no campaign. */
    public EventData(
        Long valueCents,
        String currency,
        List<Item> contents,
        String contentCategory,
        String searchString,
        String orderId) {
      this(valueCents, currency, contents, contentCategory, searchString, orderId, null);
    }

    /** The same, attributed to a campaign. */
    public EventData withCampaign(String campaign) {
      return new EventData(
          valueCents, currency, contents, contentCategory, searchString, orderId, campaign);
    }

    /** No details. */
    public static EventData none() {
      return new EventData(null, null, List.of(), null, null, null);
    }

    /** The number of items (sum of quantities). */
    public int numItems() {
      return contents.stream().mapToInt(Item::quantity).sum();
    }
  }

  /** One item: menu id, name, quantity and unit price in centavos. */
  public record Item(String id, String name, int quantity, long itemPriceCents) {}
}
