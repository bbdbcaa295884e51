package com.posmodern.omnichannel.marketing.facebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.marketing.MarketingEvent;
import com.posmodern.omnichannel.marketing.MarketingEvent.CustomerData;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.marketing.MarketingEvent.Item;
import com.posmodern.omnichannel.marketing.MarketingEvent.MessagingIds;
import com.posmodern.omnichannel.marketing.MarketingIntegration.RequestOutcome;
import com.posmodern.omnichannel.marketing.MarketingProperties;
import com.posmodern.omnichannel.marketing.MarketingRequest;
import com.posmodern.omnichannel.marketing.Prepared;
import com.posmodern.omnichannel.marketing.QueuedEvent;
import com.posmodern.omnichannel.marketing.TransientMarketingException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Conversions API request elements and batches, against the shapes Meta documents. */
class FacebookPixelIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-11-26T20:00:00Z");
  private static final CustomerData MARIA =
      new CustomerData(
          null,
          "+5511987654321",
          "Maria",
          "Souza",
          null,
          null,
          null,
          null,
          "01310-100",
          null,
          "messenger:900000000000001:900000000000002");

  private final FacebookPixelIntegration pixel =
      new FacebookPixelIntegration(
          new MarketingProperties.Facebook(
              "PIXEL-1", "TOKEN", "https://graph.facebook.com", "v25.0", "TEST4242", "WABA-1"),
          CustomerInformation.brazil(),
          () -> "http://localhost/sandbox",
          false);

  @Test
  void aMessengerPurchaseIsABusinessMessagingEventWithThePageAndPageScopedIdsClear()
      throws Exception {
    Prepared prepared =
        pixel.prepare(
            event(
                "Purchase",
                Channel.MESSENGER,
                new MessagingIds("900000000000001", "900000000000002", null),
                new EventData(
                    9180L,
                    "BRL",
                    List.of(
                        new Item("pizza-calabresa:grande", "Pizza de Calabresa Grande", 2, 4590)),
                    null,
                    null,
                    "A1B2C3D4")));

    JsonNode element = JSON.readTree(prepared.body());
    // Meta's example: event_name, event_time, action_source=business_messaging,
    // messaging_channel, user_data {page_id, page_scoped_user_id}, custom_data {currency, value}
    assertThat(prepared.actionSource()).isEqualTo("business_messaging");
    assertThat(prepared.note()).isNull();
    assertThat(element.path("event_name").asText()).isEqualTo("Purchase");
    assertThat(element.path("event_time").asLong()).isEqualTo(AT.getEpochSecond());
    assertThat(element.path("event_id").asText()).isEqualTo("order-A1B2C3D4");
    assertThat(element.path("messaging_channel").asText()).isEqualTo("messenger");
    JsonNode user = element.path("user_data");
    assertThat(user.path("page_id").asText()).isEqualTo("900000000000001");
    assertThat(user.path("page_scoped_user_id").asText()).isEqualTo("900000000000002");
    assertThat(user.path("ph").asText())
        .isEqualTo("029c7290f14c4516673508635f0519db95f7daf42057fd0e4ad1de84c5408a66");
    JsonNode custom = element.path("custom_data");
    assertThat(custom.path("value").decimalValue()).isEqualByComparingTo("91.80");
    assertThat(custom.path("currency").asText()).isEqualTo("BRL");
    assertThat(custom.path("order_id").asText()).isEqualTo("A1B2C3D4");
    assertThat(custom.path("num_items").asInt()).isEqualTo(2);
    assertThat(custom.path("contents").get(0).path("id").asText())
        .isEqualTo("pizza-calabresa:grande");
    assertThat(custom.path("contents").get(0).path("item_price").decimalValue())
        .isEqualByComparingTo("45.90");
    assertThat(prepared.body()).doesNotContain("987654321", "Maria", "Souza", "01310");
  }

  @Test
  void instagramUsesTheAccountAndInstagramScopedIds() throws Exception {
    JsonNode user =
        JSON.readTree(
                pixel
                    .prepare(
                        event(
                            "AddToCart",
                            Channel.INSTAGRAM,
                            new MessagingIds("900000000000003", "900000000000004", null),
                            EventData.none()))
                    .body())
            .path("user_data");

    assertThat(user.path("ig_account_id").asText()).isEqualTo("900000000000003");
    assertThat(user.path("ig_sid").asText()).isEqualTo("900000000000004");
  }

  @Test
  void aWhatsAppChatFromAnAdCarriesItsClickIdAndTheBusinessAccount() throws Exception {
    Prepared prepared =
        pixel.prepare(
            event(
                "InitiateCheckout",
                Channel.WHATSAPP,
                new MessagingIds("+14155238886", "+5511987654321", "ARAkLkA8rmlFeiCk"),
                EventData.none()));

    JsonNode element = JSON.readTree(prepared.body());
    assertThat(prepared.actionSource()).isEqualTo("business_messaging");
    assertThat(element.path("messaging_channel").asText()).isEqualTo("whatsapp");
    assertThat(element.path("user_data").path("ctwa_clid").asText()).isEqualTo("ARAkLkA8rmlFeiCk");
    assertThat(element.path("user_data").path("whatsapp_business_account_id").asText())
        .isEqualTo("WABA-1");
  }

  @Test
  void aWhatsAppChatWithoutAnAdClickGoesAsAChatEventAndSaysWhy() throws Exception {
    Prepared prepared =
        pixel.prepare(
            event(
                "Purchase",
                Channel.WHATSAPP,
                new MessagingIds("+14155238886", "+5511987654321", null),
                EventData.none()));

    JsonNode element = JSON.readTree(prepared.body());
    assertThat(prepared.actionSource()).isEqualTo("chat");
    assertThat(element.has("messaging_channel")).isFalse();
    assertThat(element.path("user_data").has("ctwa_clid")).isFalse();
    assertThat(element.path("user_data").path("ph").asText()).hasSize(64);
    assertThat(prepared.note()).contains("no ctwa_clid").contains("action_source=chat");
  }

  @Test
  void eventsBusinessMessagingDoesNotTakeGoAsChatEventsAndLeadIsLeadSubmitted() {
    MessagingIds messenger = new MessagingIds("900000000000001", "900000000000002", null);

    Prepared search =
        pixel.prepare(event("Search", Channel.MESSENGER, messenger, EventData.none()));
    Prepared lead = pixel.prepare(event("Lead", Channel.MESSENGER, messenger, EventData.none()));
    Prepared custom =
        pixel.prepare(event("RatingProvided", Channel.MESSENGER, messenger, EventData.none()));

    assertThat(search.actionSource()).isEqualTo("chat");
    assertThat(search.note()).contains("Search is not a Business Messaging event");
    assertThat(search.body()).doesNotContain("page_scoped_user_id");
    assertThat(lead.actionSource()).isEqualTo("business_messaging");
    assertThat(lead.name()).isEqualTo("LeadSubmitted");
    assertThat(lead.note()).isEqualTo("Lead is LeadSubmitted in Business Messaging");
    assertThat(custom.actionSource()).isEqualTo("business_messaging");
  }

  @Test
  void aBatchIsOneRequestWithTheTokenInTheBodyAndTheTestEventCode() throws Exception {
    List<QueuedEvent> batch =
        List.of(queued(1, "{\"event_name\":\"A\"}"), queued(2, "{\"event_name\":\"B\"}"));

    List<MarketingRequest> requests = pixel.requests(batch);

    assertThat(requests).hasSize(1);
    MarketingRequest request = requests.get(0);
    assertThat(request.url()).isEqualTo("https://graph.facebook.com/v25.0/PIXEL-1/events");
    assertThat(request.url()).doesNotContain("TOKEN");
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.path("data")).hasSize(2);
    assertThat(body.path("data").get(1).path("event_name").asText()).isEqualTo("B");
    assertThat(body.path("access_token").asText()).isEqualTo("TOKEN");
    assertThat(body.path("test_event_code").asText()).isEqualTo("TEST4242");
  }

  @Test
  void answersAreReadAsAcceptedRefusedOrWorthRetrying() {
    MarketingRequest request = pixel.requests(List.of(queued(1, "{}"))).get(0);

    RequestOutcome accepted =
        pixel.read(request, 200, "{\"events_received\":1,\"messages\":[],\"fbtrace_id\":\"AbC\"}");
    RequestOutcome refused =
        pixel.read(
            request,
            400,
            "{\"error\":{\"message\":\"Invalid parameter\",\"type\":\"OAuthException\",\"code\":100,"
                + "\"error_subcode\":2804003,\"fbtrace_id\":\"XyZ\"}}");

    assertThat(accepted.accepted()).isTrue();
    assertThat(accepted.detail()).isEqualTo("events_received=1 fbtrace_id=AbC");
    assertThat(refused.accepted()).isFalse();
    assertThat(refused.detail()).contains("Invalid parameter", "code 100", "subcode 2804003");
    assertThatThrownBy(() -> pixel.read(request, 503, ""))
        .isInstanceOf(TransientMarketingException.class);
    assertThatThrownBy(
            () ->
                pixel.read(
                    request,
                    400,
                    "{\"error\":{\"message\":\"Please retry\",\"code\":2,\"is_transient\":true}}"))
        .isInstanceOf(TransientMarketingException.class);
  }

  @Test
  void withoutCredentialsAndWithoutTheSandboxEventsAreSkippedWithTheReason() {
    FacebookPixelIntegration unconfigured =
        new FacebookPixelIntegration(
            new MarketingProperties.Facebook(
                null, null, "https://graph.facebook.com", "v25.0", null, null),
            CustomerInformation.brazil(),
            () -> "http://localhost/sandbox",
            false);

    Prepared prepared =
        unconfigured.prepare(
            event(
                "Purchase", Channel.MESSENGER, new MessagingIds("P", "U", null), EventData.none()));

    assertThat(prepared.skipped()).isTrue();
    assertThat(prepared.skipReason()).contains("FACEBOOK_PIXEL_ID");
  }

  private static MarketingEvent event(
      String name, Channel channel, MessagingIds ids, EventData data) {
    return new MarketingEvent(
        name.equals("Purchase") && data.orderId() != null ? "order-" + data.orderId() : "ev-1",
        name,
        AT,
        channel.id() + ":conv",
        channel,
        ids,
        MARIA,
        data);
  }

  private static QueuedEvent queued(long id, String body) {
    return new QueuedEvent(
        id,
        FacebookPixelIntegration.ID,
        "ev-" + id,
        "A",
        AT,
        body,
        0,
        false,
        "facebook-pixel",
        1000,
        "claim-1");
  }
}
