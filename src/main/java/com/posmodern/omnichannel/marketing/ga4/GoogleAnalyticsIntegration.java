package com.posmodern.omnichannel.marketing.ga4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.posmodern.omnichannel.marketing.MarketingEvent;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.marketing.MarketingEvent.Item;
import com.posmodern.omnichannel.marketing.MarketingIntegration;
import com.posmodern.omnichannel.marketing.MarketingProperties;
import com.posmodern.omnichannel.marketing.MarketingRequest;
import com.posmodern.omnichannel.marketing.Prepared;
import com.posmodern.omnichannel.marketing.QueuedEvent;
import com.posmodern.omnichannel.marketing.TransientMarketingException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Google Analytics 4 through the Measurement Protocol: {@code POST
 * {base}/mp/collect?measurement_id=…&api_secret=…}, one client and at most 25 events a request,
 * events up to 72 hours old
 * (https://developers.google.com/analytics/devguides/collection/protocol/ga4/sending-events,
 * checked 2026-11-26). The same events as the pixel, under GA4's recommended names (view_item,
 * add_to_cart, purchase, …); custom events in snake case. No personal data is sent: the client id
 * is derived from a hash of the conversation, and Google's user-provided data is not used.
 */
public class GoogleAnalyticsIntegration implements MarketingIntegration {

  public static final String ID = "ga4";

  /** Standard (Meta) event names → GA4 recommended event names. */
  static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("PageView", "page_view"),
          Map.entry("ViewContent", "view_item"),
          Map.entry("Search", "search"),
          Map.entry("AddToCart", "add_to_cart"),
          Map.entry("AddToWishlist", "add_to_wishlist"),
          Map.entry("InitiateCheckout", "begin_checkout"),
          Map.entry("AddPaymentInfo", "add_payment_info"),
          Map.entry("Purchase", "purchase"),
          Map.entry("Lead", "generate_lead"),
          Map.entry("CompleteRegistration", "sign_up"));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_EVENTS = 25; // "Requests can have a maximum of 25 events"

  private final MarketingProperties.Ga4 settings;
  private final Supplier<String> sandboxBaseUrl;
  private final boolean sandboxEnabled;

  public GoogleAnalyticsIntegration(
      MarketingProperties.Ga4 settings, Supplier<String> sandboxBaseUrl, boolean sandboxEnabled) {
    this.settings = settings;
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
    return live()
        ? base() + "/mp/collect"
        : "sandbox (GA4_MEASUREMENT_ID / GA4_API_SECRET not set)";
  }

  /** Whether events go anywhere: live, or to the sandbox while no channel is live. */
  public boolean active() {
    return live() || sandboxEnabled;
  }

  @Override
  public int maxBatchSize() {
    return MAX_EVENTS;
  }

  @Override
  public Duration maxEventAge() {
    return Duration.ofHours(72); // "The timestamp must be within the last 72 hours"
  }

  @Override
  public Prepared prepare(MarketingEvent event) {
    String name = ga4Name(event.name());
    if (!live() && !sandboxEnabled) {
      return Prepared.skip(name, "GA4 not configured (GA4_MEASUREMENT_ID, GA4_API_SECRET)");
    }
    ObjectNode element = JSON.createObjectNode();
    element.put("client_id", clientId(event.conversationId()));
    element.put(
        "timestamp_micros", ChronoUnit.MICROS.between(java.time.Instant.EPOCH, event.eventTime()));
    ObjectNode ga4Event = element.putObject("event");
    ga4Event.put("name", name);
    ObjectNode params = ga4Event.putObject("params");
    params.put("event_id", event.eventId());
    params.put("channel", event.channel().id());
    addParams(event.data(), params);
    String note =
        NAMES.containsKey(event.name()) ? null : event.name() + " sent as custom event " + name;
    return Prepared.send(name, element.toString(), "measurement_protocol", note);
  }

  /** GA4's name for an event: the recommended one, else snake case (≤40, starts with a letter). */
  static String ga4Name(String name) {
    String mapped = NAMES.get(name);
    if (mapped != null) {
      return mapped;
    }
    String snake =
        name.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
            .replaceAll("[^A-Za-z0-9_]", "_")
            .toLowerCase(Locale.ROOT);
    if (snake.isEmpty() || !Character.isLetter(snake.charAt(0))) {
      snake = "event_" + snake;
    }
    return snake.length() > 40 ? snake.substring(0, 40) : snake;
  }

  /**
   * A pseudonymous client id in GA's "number.number" form: an HMAC-SHA256 of the conversation id
   * keyed with the API secret, so the same customer is the same client, and nobody without the
   * secret can go from a phone number to its client id.
   */
  String clientId(String conversationId) {
    String hash =
        com.posmodern.omnichannel.platform.web.Hmac.sha256Hex(
            live() ? settings.apiSecret() : "sandbox-secret",
            conversationId.getBytes(StandardCharsets.UTF_8));
    long first = Long.parseUnsignedLong(hash.substring(0, 8), 16);
    long second = Long.parseUnsignedLong(hash.substring(8, 16), 16);
    return first + "." + second;
  }

  private static void addParams(EventData data, ObjectNode params) {
    if (data.valueCents() != null) {
      params.put("value", BigDecimal.valueOf(data.valueCents(), 2));
      params.put("currency", data.currency() == null ? "BRL" : data.currency());
    }
    if (!data.contents().isEmpty()) {
      ArrayNode items = params.putArray("items");
      for (Item item : data.contents()) {
        items
            .addObject()
            .put("item_id", item.id())
            .put("item_name", truncate(item.name()))
            .put("price", BigDecimal.valueOf(item.itemPriceCents(), 2))
            .put("quantity", item.quantity());
      }
    }
    if (data.contentCategory() != null) {
      params.put("item_category", truncate(data.contentCategory()));
    }
    if (data.searchString() != null) {
      params.put("search_term", truncate(data.searchString()));
    }
    if (data.orderId() != null) {
      params.put("transaction_id", data.orderId());
    }
  }

  /** "Parameter values … must be 100 characters or fewer". */
  private static String truncate(String value) {
    return value == null || value.length() <= 100 ? value : value.substring(0, 100);
  }

  @Override
  public List<MarketingRequest> requests(List<QueuedEvent> batch) {
    Map<String, List<QueuedEvent>> byClient = new LinkedHashMap<>();
    Map<Long, JsonNode> elements = new LinkedHashMap<>();
    for (QueuedEvent event : batch) {
      JsonNode element = read(event.body());
      elements.put(event.id(), element);
      byClient
          .computeIfAbsent(element.path("client_id").asText(), k -> new ArrayList<>())
          .add(event);
    }
    String redacted = base() + "/mp/collect?measurement_id=" + measurementId() + "&api_secret=***";
    String url =
        base()
            + "/mp/collect?measurement_id="
            + encode(measurementId())
            + "&api_secret="
            + encode(live() ? settings.apiSecret() : "sandbox-secret");
    List<MarketingRequest> requests = new ArrayList<>();
    for (Map.Entry<String, List<QueuedEvent>> client : byClient.entrySet()) {
      List<QueuedEvent> events = client.getValue();
      for (int start = 0; start < events.size(); start += MAX_EVENTS) {
        List<QueuedEvent> chunk =
            events.subList(start, Math.min(events.size(), start + MAX_EVENTS));
        ObjectNode body = JSON.createObjectNode();
        body.put("client_id", client.getKey());
        ArrayNode ga4Events = body.putArray("events");
        for (QueuedEvent event : chunk) {
          JsonNode element = elements.get(event.id());
          ObjectNode ga4Event = ((ObjectNode) element.path("event")).deepCopy();
          ga4Event.put("timestamp_micros", element.path("timestamp_micros").asLong());
          ga4Events.add(ga4Event);
        }
        requests.add(
            new MarketingRequest(
                ID,
                url,
                redacted,
                Map.of("Content-Type", "application/json"),
                body.toString(),
                List.copyOf(chunk)));
      }
    }
    return requests;
  }

  /**
   * A test event for GA4's validation server ({@code /debug/mp/collect}: checked, never recorded),
   * for the validator; its answer lists {@code validationMessages}.
   */
  public MarketingRequest validationRequest(java.time.Instant now) {
    ObjectNode body = JSON.createObjectNode();
    body.put("client_id", clientId("omnichannel-validator"));
    ObjectNode event = body.putArray("events").addObject();
    event.put("name", "page_view");
    event.put("timestamp_micros", ChronoUnit.MICROS.between(java.time.Instant.EPOCH, now));
    String url =
        base()
            + "/debug/mp/collect?measurement_id="
            + encode(measurementId())
            + "&api_secret="
            + encode(live() ? settings.apiSecret() : "sandbox-secret");
    return new MarketingRequest(
        ID,
        url,
        base() + "/debug/mp/collect?measurement_id=" + measurementId() + "&api_secret=***",
        Map.of("Content-Type", "application/json"),
        body.toString(),
        List.of());
  }

  @Override
  public RequestOutcome read(MarketingRequest request, int status, String body) {
    // The Measurement Protocol answers 2xx even to malformed events; only the transport can fail.
    if (status >= 200 && status < 300) {
      return RequestOutcome.accepted(status, "accepted");
    }
    String detail = "GA4 answered " + status + ": " + (body == null ? "" : body);
    if (status == 429 || status >= 500) {
      throw new TransientMarketingException(detail);
    }
    return RequestOutcome.refused(status, detail);
  }

  private String base() {
    return live() ? settings.baseUrl() : sandboxBaseUrl.get() + "/ga4";
  }

  private String measurementId() {
    return live() ? settings.measurementId() : "G-SANDBOX";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("A stored event is not JSON", e);
    }
  }
}
