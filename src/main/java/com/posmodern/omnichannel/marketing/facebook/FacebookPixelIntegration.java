package com.posmodern.omnichannel.marketing.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.marketing.MarketingEvent;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.marketing.MarketingEvent.Item;
import com.posmodern.omnichannel.marketing.MarketingEvent.MessagingIds;
import com.posmodern.omnichannel.marketing.MarketingIntegration;
import com.posmodern.omnichannel.marketing.MarketingProperties;
import com.posmodern.omnichannel.marketing.MarketingRequest;
import com.posmodern.omnichannel.marketing.Prepared;
import com.posmodern.omnichannel.marketing.QueuedEvent;
import com.posmodern.omnichannel.marketing.TransientMarketingException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Facebook Pixel events through the Conversions API (the seed's {@code FacebookPixelIntegration}):
 * {@code POST {base}/{version}/{pixel-id}/events} with up to 1,000 events a request
 * (https://developers.facebook.com/docs/marketing-api/conversions-api/using-the-api, checked
 * 2026-11-26).
 *
 * <p>Chat events go as {@code action_source=business_messaging} with the chat's {@code
 * messaging_channel} and the identifiers Meta asks for on it (Messenger: page id and page-scoped
 * user id; Instagram: account id and Instagram-scoped id; WhatsApp: the click-to-WhatsApp click id
 * and the WhatsApp Business Account id), all clear as Meta requires
 * (https://developers.facebook.com/docs/marketing-api/conversions-api/business-messaging). Meta
 * takes only some event names there; any other event, and a WhatsApp chat that did not start from
 * an ad (no click id), goes as {@code action_source=chat} with hashed customer information instead,
 * and the event table notes which and why. Customer information is always hashed by {@link
 * CustomerInformation}; nothing clear but the platform's own chat identifiers leaves.
 */
public class FacebookPixelIntegration implements MarketingIntegration {

  public static final String ID = "facebook-pixel";

  /** Event names the Conversions API for Business Messaging takes (its FAQ, checked 2026-11-26). */
  static final Set<String> BUSINESS_MESSAGING_EVENTS =
      Set.of(
          "Purchase",
          "LeadSubmitted",
          "InitiateCheckout",
          "AddToCart",
          "ViewContent",
          "OrderCreated",
          "OrderShipped",
          "OrderDelivered",
          "OrderCanceled",
          "OrderReturned",
          "CartAbandoned",
          "QualifiedLead",
          "RatingProvided",
          "ReviewProvided");

  /** Standard events Business Messaging knows by another name. */
  private static final Map<String, String> BUSINESS_MESSAGING_NAMES =
      Map.of("Lead", "LeadSubmitted");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MarketingProperties.Facebook settings;
  private final CustomerInformation customerInformation;
  private final Supplier<String> sandboxBaseUrl;
  private final boolean sandboxEnabled;

  /**
   * @param sandboxBaseUrl the sandbox's base URL, used while the pixel has no credentials
   * @param sandboxEnabled whether the sandbox runs; without it and without credentials events are
   *     skipped (recorded as such)
   */
  public FacebookPixelIntegration(
      MarketingProperties.Facebook settings,
      CustomerInformation customerInformation,
      Supplier<String> sandboxBaseUrl,
      boolean sandboxEnabled) {
    this.settings = settings;
    this.customerInformation = customerInformation;
    this.sandboxBaseUrl = sandboxBaseUrl;
    this.sandboxEnabled = sandboxEnabled;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean live() {
    return settings.live();
  }

  @Override
  public String target() {
    return live() ? eventsUrl() : "sandbox (FACEBOOK_PIXEL_ID / FACEBOOK_ACCESS_TOKEN not set)";
  }

  /** Whether events go anywhere: live, or to the sandbox while no channel is live. */
  public boolean active() {
    return live() || sandboxEnabled;
  }

  @Override
  public int maxBatchSize() {
    return 1000; // "up to 1,000 events" per request
  }

  @Override
  public Duration maxEventAge() {
    return Duration.ofDays(7); // event_time "up to 7 days before you send an event to Meta"
  }

  @Override
  public Prepared prepare(MarketingEvent event) {
    String name = event.name();
    if (!live() && !sandboxEnabled) {
      return Prepared.skip(
          name, "Conversions API not configured (FACEBOOK_PIXEL_ID, FACEBOOK_ACCESS_TOKEN)");
    }
    ObjectNode element = JSON.createObjectNode();
    ObjectNode userData = JSON.createObjectNode();
    customerInformation.addHashed(event.customer(), userData);
    String businessName = BUSINESS_MESSAGING_NAMES.getOrDefault(name, name);
    String note = null;
    String actionSource;
    String whyNot = businessMessagingRefusal(event, businessName);
    if (whyNot == null) {
      actionSource = "business_messaging";
      element.put("event_name", businessName);
      element.put("messaging_channel", event.channel().id());
      addChatIdentifiers(event.channel(), event.messaging(), userData);
      if (!businessName.equals(name)) {
        note = name + " is " + businessName + " in Business Messaging";
      }
    } else {
      actionSource = "chat";
      element.put("event_name", name);
      note = whyNot + "; sent with action_source=chat";
    }
    element.put("event_time", event.eventTime().getEpochSecond());
    element.put("event_id", event.eventId());
    element.put("action_source", actionSource);
    element.set("user_data", userData);
    ObjectNode customData = customData(event.data());
    if (!customData.isEmpty()) {
      element.set("custom_data", customData);
    }
    return Prepared.send(
        element.path("event_name").asText(), element.toString(), actionSource, note);
  }

  /** The channels Meta's business messaging events name (messaging_channel). */
  private static final java.util.Set<Channel> META_MESSAGING_CHANNELS =
      java.util.EnumSet.of(Channel.WHATSAPP, Channel.MESSENGER, Channel.INSTAGRAM);

  /** Why the event cannot go as a business-messaging event, or null when it can. */
  private String businessMessagingRefusal(MarketingEvent event, String businessName) {
    if (!BUSINESS_MESSAGING_EVENTS.contains(businessName)) {
      return event.name() + " is not a Business Messaging event";
    }
    if (!META_MESSAGING_CHANNELS.contains(event.channel())) {
      return "Meta's business messaging covers WhatsApp, Messenger and Instagram only";
    }
    MessagingIds ids = event.messaging();
    if (event.channel() == Channel.WHATSAPP && (ids == null || blank(ids.ctwaClid()))) {
      return "the WhatsApp chat did not start from a click-to-WhatsApp ad (no ctwa_clid)";
    }
    if (ids == null
        || blank(ids.businessId())
        || (event.channel() != Channel.WHATSAPP && blank(ids.customerScopedId()))) {
      return "the chat identifiers are unknown";
    }
    return null;
  }

  private void addChatIdentifiers(Channel channel, MessagingIds ids, ObjectNode userData) {
    switch (channel) {
      case MESSENGER -> {
        userData.put("page_id", ids.businessId());
        userData.put("page_scoped_user_id", ids.customerScopedId());
      }
      case INSTAGRAM -> {
        userData.put("ig_account_id", ids.businessId());
        userData.put("ig_sid", ids.customerScopedId());
      }
      case WHATSAPP -> {
        if (!blank(settings.whatsappBusinessAccountId())) {
          userData.put("whatsapp_business_account_id", settings.whatsappBusinessAccountId());
        }
        userData.put("ctwa_clid", ids.ctwaClid());
      }
    }
  }

  private static ObjectNode customData(EventData data) {
    ObjectNode custom = JSON.createObjectNode();
    if (data.valueCents() != null) {
      custom.put("value", BigDecimal.valueOf(data.valueCents(), 2));
      custom.put("currency", data.currency() == null ? "BRL" : data.currency());
    }
    if (!data.contents().isEmpty()) {
      ArrayNode contents = custom.putArray("contents");
      ArrayNode ids = custom.putArray("content_ids");
      for (Item item : data.contents()) {
        contents
            .addObject()
            .put("id", item.id())
            .put("quantity", item.quantity())
            .put("item_price", BigDecimal.valueOf(item.itemPriceCents(), 2));
        ids.add(item.id());
      }
      custom.put("content_type", "product");
      custom.put("num_items", data.numItems());
      if (data.contents().size() == 1) {
        custom.put("content_name", data.contents().get(0).name());
      }
    }
    if (data.contentCategory() != null) {
      custom.put("content_category", data.contentCategory());
    }
    if (data.searchString() != null) {
      custom.put("search_string", data.searchString());
    }
    if (data.orderId() != null) {
      custom.put("order_id", data.orderId());
    }
    // A custom property: Meta takes any beside the standard ones
    // (https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/custom-data).
    if (data.campaignId() != null) {
      custom.put("campaign_id", data.campaignId());
    }
    return custom;
  }

  @Override
  public List<MarketingRequest> requests(List<QueuedEvent> batch) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode data = body.putArray("data");
    for (QueuedEvent event : batch) {
      data.add(read(event.body()));
    }
    if (!blank(settings.testEventCode())) {
      body.put("test_event_code", settings.testEventCode());
    }
    String redacted = eventsUrl();
    // The token goes in the body, so it is in no URL a log could print.
    body.put("access_token", live() ? settings.accessToken() : "sandbox-token");
    return List.of(
        new MarketingRequest(
            ID,
            redacted,
            redacted,
            Map.of("Content-Type", "application/json"),
            body.toString(),
            batch));
  }

  /**
   * A single test event (shown in Events Manager → Test events, never counted) for the validator: a
   * PageView of a pseudonymous validator customer.
   */
  public MarketingRequest testEventRequest(String testEventCode, java.time.Instant now) {
    ObjectNode element = JSON.createObjectNode();
    element.put("event_name", "PageView");
    element.put("event_time", now.getEpochSecond());
    element.put("event_id", "validator-" + now.toEpochMilli());
    element.put("action_source", "chat");
    ObjectNode userData = element.putObject("user_data");
    userData.put("external_id", CustomerInformation.sha256("omnichannel-validator"));
    userData.put("country", CustomerInformation.sha256("br"));
    ObjectNode body = JSON.createObjectNode();
    body.putArray("data").add(element);
    body.put("test_event_code", testEventCode);
    body.put("access_token", live() ? settings.accessToken() : "sandbox-token");
    return new MarketingRequest(
        ID,
        eventsUrl(),
        eventsUrl(),
        Map.of("Content-Type", "application/json"),
        body.toString(),
        List.of());
  }

  /** The configured test event code, if any. */
  public String testEventCode() {
    return settings.testEventCode();
  }

  @Override
  public RequestOutcome read(MarketingRequest request, int status, String body) {
    JsonNode answer = readOrEmpty(body);
    if (status >= 200 && status < 300) {
      return RequestOutcome.accepted(
          status,
          "events_received="
              + answer.path("events_received").asText("?")
              + " fbtrace_id="
              + answer.path("fbtrace_id").asText(""));
    }
    JsonNode error = answer.path("error");
    String detail =
        "Conversions API answered "
            + status
            + ": "
            + error.path("message").asText(body == null ? "" : body)
            + (error.has("code") ? " (code " + error.path("code").asText() : "")
            + (error.has("error_subcode")
                ? ", subcode " + error.path("error_subcode").asText()
                : "")
            + (error.has("code") ? ")" : "")
            + (error.has("fbtrace_id") ? " fbtrace_id=" + error.path("fbtrace_id").asText() : "");
    // Graph API: 429/5xx, "is_transient", and codes 1, 2, 4, 17, 341 are worth retrying
    // (https://developers.facebook.com/docs/graph-api/guides/error-handling). So are an expired
    // or revoked token (190, 102) and a missing permission (10, 200-299): a configuration fault,
    // not the events'; they wait (with a growing delay) until the operator fixes it.
    int code = error.path("code").asInt(0);
    if (status == 429
        || status >= 500
        || error.path("is_transient").asBoolean(false)
        || Set.of(1, 2, 4, 17, 341, 190, 102, 10).contains(code)
        || (code >= 200 && code <= 299)) {
      throw new TransientMarketingException(detail);
    }
    return RequestOutcome.refused(status, detail);
  }

  private String eventsUrl() {
    String base = live() ? settings.baseUrl() : sandboxBaseUrl.get() + "/facebook";
    return base
        + "/"
        + settings.version()
        + "/"
        + (live() ? settings.pixelId() : "sandbox-pixel")
        + "/events";
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("A stored event is not JSON", e);
    }
  }

  private static JsonNode readOrEmpty(String json) {
    try {
      return json == null || json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
