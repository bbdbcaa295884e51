package com.posmodern.omnichannel.marketing.ga4;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.marketing.MarketingEvent;
import com.posmodern.omnichannel.marketing.MarketingEvent.CustomerData;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.marketing.MarketingEvent.Item;
import com.posmodern.omnichannel.marketing.MarketingEvent.MessagingIds;
import com.posmodern.omnichannel.marketing.MarketingProperties;
import com.posmodern.omnichannel.marketing.MarketingRequest;
import com.posmodern.omnichannel.marketing.Prepared;
import com.posmodern.omnichannel.marketing.QueuedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same events as GA4 Measurement Protocol requests. */
class GoogleAnalyticsIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-11-26T20:00:00Z");

  private final GoogleAnalyticsIntegration ga4 =
      new GoogleAnalyticsIntegration(
          new MarketingProperties.Ga4("G-ABC", "s3cret", "https://www.google-analytics.com"),
          () -> "http://localhost/sandbox",
          false);

  @Test
  void aPurchaseIsGa4sPurchaseWithTransactionIdItemsAndNoPersonalData() throws Exception {
    Prepared prepared =
        ga4.prepare(
            new MarketingEvent(
                "order-A1B2C3D4",
                "Purchase",
                AT,
                "whatsapp:+14155238886:+5511987654321",
                Channel.WHATSAPP,
                new MessagingIds("+14155238886", "+5511987654321", null),
                new CustomerData(
                    null,
                    "+5511987654321",
                    "Maria",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null),
                new EventData(
                    9180L,
                    "BRL",
                    List.of(new Item("pizza-calabresa", "Pizza de Calabresa", 2, 4590)),
                    null,
                    null,
                    "A1B2C3D4")));

    JsonNode element = JSON.readTree(prepared.body());
    assertThat(element.path("event").path("name").asText()).isEqualTo("purchase");
    JsonNode params = element.path("event").path("params");
    assertThat(params.path("transaction_id").asText()).isEqualTo("A1B2C3D4");
    assertThat(params.path("currency").asText()).isEqualTo("BRL");
    assertThat(params.path("value").decimalValue()).isEqualByComparingTo("91.80");
    assertThat(params.path("items").get(0).path("item_id").asText()).isEqualTo("pizza-calabresa");
    assertThat(params.path("items").get(0).path("quantity").asInt()).isEqualTo(2);
    assertThat(element.path("timestamp_micros").asLong()).isEqualTo(AT.toEpochMilli() * 1000);
    assertThat(element.path("client_id").asText()).matches("\\d+\\.\\d+");
    // keyed with the API secret: another secret gives another client id for the same customer
    assertThat(
            new GoogleAnalyticsIntegration(
                    new MarketingProperties.Ga4(
                        "G-ABC", "other", "https://www.google-analytics.com"),
                    () -> "x",
                    false)
                .clientId("whatsapp:+14155238886:+5511987654321"))
        .isNotEqualTo(element.path("client_id").asText());
    assertThat(prepared.body()).doesNotContain("5511987654321", "Maria");
  }

  @Test
  void metaNamesMapToGa4RecommendedEventsAndCustomOnesToSnakeCase() {
    assertThat(GoogleAnalyticsIntegration.ga4Name("AddToCart")).isEqualTo("add_to_cart");
    assertThat(GoogleAnalyticsIntegration.ga4Name("InitiateCheckout")).isEqualTo("begin_checkout");
    assertThat(GoogleAnalyticsIntegration.ga4Name("Lead")).isEqualTo("generate_lead");
    assertThat(GoogleAnalyticsIntegration.ga4Name("CompleteRegistration")).isEqualTo("sign_up");
    assertThat(GoogleAnalyticsIntegration.ga4Name("RatingProvided")).isEqualTo("rating_provided");
    assertThat(GoogleAnalyticsIntegration.ga4Name("Contact")).isEqualTo("contact");
  }

  @Test
  void aBatchIsSplitByClientAndIntoRequestsOfAtMost25Events() throws Exception {
    List<QueuedEvent> batch = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      batch.add(queued(i, "conversation-a"));
    }
    batch.add(queued(99, "conversation-b"));

    List<MarketingRequest> requests = ga4.requests(batch);

    assertThat(requests).hasSize(3);
    assertThat(requests.stream().map(r -> r.events().size()).toList()).containsExactly(25, 5, 1);
    JsonNode first = JSON.readTree(requests.get(0).body());
    assertThat(first.path("client_id").asText()).isEqualTo(ga4.clientId("conversation-a"));
    assertThat(first.path("events")).hasSize(25);
    assertThat(first.path("events").get(0).path("timestamp_micros").asLong()).isPositive();
    assertThat(requests.get(0).url())
        .isEqualTo(
            "https://www.google-analytics.com/mp/collect?measurement_id=G-ABC&api_secret=s3cret");
    assertThat(requests.get(0).redactedUrl()).doesNotContain("s3cret");
  }

  private QueuedEvent queued(long id, String conversation) {
    Prepared prepared =
        ga4.prepare(
            new MarketingEvent(
                "ev-" + id,
                "AddToCart",
                AT,
                conversation,
                Channel.MESSENGER,
                new MessagingIds("P", "U", null),
                CustomerData.none(),
                EventData.none()));
    return new QueuedEvent(
        id,
        GoogleAnalyticsIntegration.ID,
        "ev-" + id,
        "add_to_cart",
        AT,
        prepared.body(),
        0,
        false,
        "ga4",
        25,
        "claim-1");
  }
}
