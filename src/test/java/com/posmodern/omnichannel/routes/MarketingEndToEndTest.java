package com.posmodern.omnichannel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingContext;
import com.posmodern.omnichannel.marketing.MarketingEvent.CustomerData;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.marketing.MarketingEvent.Item;
import com.posmodern.omnichannel.marketing.MarketingRecorder;
import com.posmodern.omnichannel.marketing.MarketingSignal;
import com.posmodern.omnichannel.marketing.facebook.CustomerInformation;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import com.posmodern.omnichannel.support.Customer;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import com.posmodern.omnichannel.support.PlatformStubs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.processor.aggregate.AggregateProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Marketing events from real conversations to a WireMock Conversions API and GA4: what a consenting
 * customer's order sends (hashed, with the chat's identifiers), opting out, batching, retries, and
 * replies that keep flowing while the Conversions API is down.
 */
class MarketingEndToEndTest extends EndToEndTestSupport {

  private static final Pattern ORDER_CODE = Pattern.compile("#([A-Z0-9]{8})");

  @Autowired MarketingRecorder recorder;
  @Autowired ConsentLedger consent;

  private final List<StubMapping> extraStubs = new ArrayList<>();

  @BeforeEach
  void earlierEventsAreDelivered() {
    awaitNothingInFlight();
  }

  @AfterEach
  void removeExtraStubs() {
    extraStubs.forEach(platforms.server()::removeStub);
    extraStubs.clear();
  }

  @Test
  void aConsentingMessengerCustomersOrderReachesTheConversionsApiAndGa4WithHashedData()
      throws Exception {
    Customer joana = new Customer(port, jdbc, "messenger", "900000000000027", MESSENGER_SECRET);
    String conversation = joana.conversationId(PAGE_ID);

    joana.says("oi");
    assertThat(Customer.text(joana.says("quero promoções"))).contains("Combinado!");
    joana.says("2 x-bacon com ovo e uma pizza margherita grande");
    joana.picks("CHECKOUT");
    joana.picks("PICKUP");
    joana.says("Joana Prado");
    joana.says("(21) 99876-1111");
    joana.picks("CONFIRM");
    joana.picks("PAY:CASH");
    List<ReplyPart> placed = joana.picks("NO_CHANGE");
    Matcher code = ORDER_CODE.matcher(Customer.text(placed));
    assertThat(code.find()).isTrue();
    String orderId = code.group(1);
    // consent was given already: no question about it after the order
    assertThat(Customer.choices(placed)).doesNotContain("CONSENT:YES");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count(conversation, "SENT") == count(conversation, null));
    // The greeting came before the opt-in: no PageView for this customer.
    assertThat(names(conversation, "facebook-pixel"))
        .contains(
            "LeadSubmitted",
            "Search",
            "AddToCart",
            "InitiateCheckout",
            "CompleteRegistration",
            "AddPaymentInfo",
            "Purchase")
        .doesNotContain("PageView");

    List<JsonNode> capi = capiElements(conversation);
    JsonNode purchase = only(capi, "Purchase");
    assertThat(purchase.path("event_id").asText()).isEqualTo("order-" + orderId);
    assertThat(purchase.path("action_source").asText()).isEqualTo("business_messaging");
    assertThat(purchase.path("messaging_channel").asText()).isEqualTo("messenger");
    JsonNode user = purchase.path("user_data");
    assertThat(user.path("page_id").asText()).isEqualTo(PAGE_ID);
    assertThat(user.path("page_scoped_user_id").asText()).isEqualTo("900000000000027");
    assertThat(user.path("ph").asText()).isEqualTo(CustomerInformation.sha256("5521998761111"));
    assertThat(user.path("fn").asText()).isEqualTo(CustomerInformation.sha256("joana"));
    assertThat(user.path("ln").asText()).isEqualTo(CustomerInformation.sha256("prado"));
    assertThat(user.path("country").asText()).isEqualTo(CustomerInformation.sha256("br"));
    JsonNode custom = purchase.path("custom_data");
    assertThat(custom.path("currency").asText()).isEqualTo("BRL");
    assertThat(custom.path("order_id").asText()).isEqualTo(orderId);
    assertThat(custom.path("value").decimalValue()).isPositive();
    assertThat(custom.path("contents")).isNotEmpty();
    // the app's clock (moved to opening hours in these tests), in seconds
    assertThat(purchase.path("event_time").asLong())
        .isBetween(
            clock.instant().minusSeconds(600).getEpochSecond(), clock.instant().getEpochSecond());
    JsonNode search = only(capi, "Search");
    assertThat(search.path("action_source").asText()).isEqualTo("chat");
    assertThat(search.path("custom_data").path("search_string").asText()).contains("X-Bacon");
    assertThat(only(capi, "LeadSubmitted").path("action_source").asText())
        .isEqualTo("business_messaging");
    assertThat(
            jdbc.sql(
                    "select note from marketing_event where conversation_id = ? and name = 'Search'"
                        + " and sink = 'facebook-pixel'")
                .param(conversation)
                .query(String.class)
                .single())
        .contains("not a Business Messaging event");

    List<String> capiBodies =
        platforms.requests(PlatformStubs.CAPI_EVENTS).stream()
            .map(r -> r.getBodyAsString())
            .filter(body -> body.contains("900000000000027"))
            .toList();
    assertThat(capiBodies).isNotEmpty();
    assertThat(capiBodies)
        .allSatisfy(
            body -> {
              assertThat(body).doesNotContain("Joana", "Prado", "99876", "joana");
              assertThat(body).contains("\"test_event_code\":\"TEST4242\"");
            });

    List<JsonNode> ga4Purchases =
        platforms.requests(PlatformStubs.GA4_COLLECT).stream()
            .map(PlatformStubs::json)
            .flatMap(body -> stream(body.path("events")))
            .filter(event -> event.path("params").path("transaction_id").asText().equals(orderId))
            .toList();
    assertThat(ga4Purchases).hasSize(1);
    assertThat(ga4Purchases.get(0).path("name").asText()).isEqualTo("purchase");
    assertThat(platforms.requests(PlatformStubs.GA4_COLLECT))
        .allSatisfy(r -> assertThat(r.getBodyAsString()).doesNotContain("Joana", "99876"));

    String outcomes = outcomeLog();
    assertThat(outcomes).contains("\"eventId\":\"order-" + orderId + "\"", "\"status\":\"SENT\"");
    assertThat(outcomes).doesNotContain("Joana", "Prado", "998761111", "900000000000027");
  }

  @Test
  void sairOptsOutAtOnceAndNothingMoreIsRecorded() {
    Customer pedro = new Customer(port, jdbc, "messenger", "900000000000028", MESSENGER_SECRET);
    String conversation = pedro.conversationId(PAGE_ID);
    pedro.says("oi");
    pedro.says("quero promoções");
    assertThat(count(conversation, null)).isPositive();

    assertThat(Customer.text(pedro.says("SAIR"))).contains("você não vai mais receber promoções");

    assertThat(consent.current(conversation)).contains(ConsentLedger.Decision.OPT_OUT);
    assertThat(consent.history(conversation))
        .extracting(ConsentLedger.Entry::source)
        .containsExactly("keyword", "keyword:SAIR");
    long before = count(conversation, null);
    pedro.says("uma feijoada");
    pedro.picks("CHECKOUT");
    assertThat(count(conversation, null)).isEqualTo(before);
  }

  @Test
  void stopOptsOutWhileAPersonIsAnsweringAndWithdrawsEventsNotYetSent() {
    extraStubs.add(
        platforms
            .server()
            .stubFor(
                post(urlPathEqualTo(PlatformStubs.CAPI_EVENTS))
                    .atPriority(1)
                    .willReturn(aResponse().withStatus(503))));
    Customer tom = new Customer(port, jdbc, "instagram", "900000000000029", INSTAGRAM_SECRET);
    String conversation = tom.conversationId(IG_ID);
    tom.says("quero promoções");
    tom.says("uma feijoada");
    tom.says("falar com atendente");
    assertThat(countSink(conversation, "facebook-pixel", null)).isPositive();
    assertThat(countSink(conversation, "facebook-pixel", "SENT")).isZero();

    assertThat(Customer.text(tom.says("stop"))).contains("você não vai mais receber promoções");

    assertThat(consent.current(conversation)).contains(ConsentLedger.Decision.OPT_OUT);
    assertThat(countSink(conversation, "facebook-pixel", "PENDING")).isZero();
    assertThat(countSink(conversation, "facebook-pixel", "SENDING")).isZero();
    assertThat(
            jdbc.sql(
                    "select count(*) from marketing_event where conversation_id = ? and status = 'SKIPPED'"
                        + " and note like 'withdrawn%'")
                .param(conversation)
                .query(Long.class)
                .single())
        .isPositive();
    // the person still has the conversation: the bot stays silent otherwise
    assertThat(tom.says("obrigado")).isEmpty();
  }

  @Test
  void afterAFirstOrderTheCustomerIsAskedOnceAndADeclineIsRecorded() {
    Customer rita = new Customer(port, jdbc, "instagram", "900000000000030", INSTAGRAM_SECRET);
    String conversation = rita.conversationId(IG_ID);
    rita.says("uma feijoada e um suco de laranja");
    rita.picks("CHECKOUT");
    rita.picks("PICKUP");
    rita.says("Rita");
    rita.says("11 3333-4444");
    rita.picks("CONFIRM");
    rita.picks("PAY:CASH");
    List<ReplyPart> placed = rita.picks("NO_CHANGE");
    assertThat(Customer.text(placed)).contains("Posso te mandar novidades e promoções");
    assertThat(Customer.choices(placed)).containsExactly("CONSENT:YES", "CONSENT:NO");

    assertThat(Customer.text(rita.picks("CONSENT:NO"))).contains("não vamos te mandar promoções");

    assertThat(consent.history(conversation))
        .extracting(ConsentLedger.Entry::decision, ConsentLedger.Entry::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ConsentLedger.Decision.OPT_OUT, "choice"));
    assertThat(count(conversation, null)).isZero();
    assertThat(outcomeLog()).contains("no legal basis");
  }

  @Test
  void twoThousandFiveHundredEventsGoInConversionsApiRequestsOfAtMostAThousand() {
    String conversation = "messenger:" + PAGE_ID + ":900000000000031";
    consent.record(conversation, Channel.MESSENGER, ConsentLedger.Decision.OPT_IN, "test");
    List<MarketingSignal> signals = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      signals.add(
          MarketingSignal.of(
              ConversationMoment.ITEM_ADDED,
              new EventData(
                  4590L,
                  "BRL",
                  List.of(new Item("pizza-" + i, "Pizza", 1, 4590)),
                  null,
                  null,
                  null)));
    }

    recorder.record(context(conversation, "m_batch_source"), signals);

    await().atMost(Duration.ofSeconds(60)).until(() -> count(conversation, "SENT") == 5000);
    List<Integer> sizes = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int delivered = 0;
    for (var request : platforms.requests(PlatformStubs.CAPI_EVENTS)) {
      JsonNode body = PlatformStubs.json(request);
      List<JsonNode> ours =
          stream(body.path("data"))
              .filter(
                  e ->
                      e.path("user_data")
                          .path("page_scoped_user_id")
                          .asText()
                          .equals("900000000000031"))
              .toList();
      if (ours.isEmpty()) {
        continue;
      }
      assertThat(ours)
          .as("a request holds only this batch's events")
          .hasSize(body.path("data").size());
      sizes.add(ours.size());
      ours.forEach(e -> ids.add(e.path("event_id").asText()));
      delivered += ours.size();
    }
    // At most 1,000 events a request (the Conversions API's limit); three requests when the relay
    // keeps up, a few more when a loaded machine lets a batch's timeout close it early.
    assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, 1000));
    assertThat(sizes).hasSizeBetween(3, 9);
    assertThat(delivered).isEqualTo(2500);
    assertThat(ids).hasSize(2500);
    // GA4 takes at most 25 events a request; each of the 2,500 went once.
    List<JsonNode> ga4Bodies =
        platforms.requests(PlatformStubs.GA4_COLLECT).stream().map(PlatformStubs::json).toList();
    assertThat(ga4Bodies)
        .allSatisfy(body -> assertThat(body.path("events").size()).isBetween(1, 25));
    List<String> ga4Ids =
        ga4Bodies.stream()
            .flatMap(body -> stream(body.path("events")))
            .map(e -> e.path("params").path("event_id").asText())
            .filter(ids::contains)
            .toList();
    assertThat(ga4Ids).hasSize(2500).doesNotHaveDuplicates();
  }

  @Test
  void aServerErrorThenSuccessIsRetriedAndNothingIsLost() {
    extraStubs.add(
        platforms
            .server()
            .stubFor(
                post(urlPathEqualTo(PlatformStubs.CAPI_EVENTS))
                    .atPriority(1)
                    .inScenario("capi-flaky")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(
                        aResponse()
                            .withStatus(500)
                            .withBody("{\"error\":{\"message\":\"boom\",\"code\":1}}"))
                    .willSetStateTo("recovered")));
    String conversation = "messenger:" + PAGE_ID + ":900000000000032";
    consent.record(conversation, Channel.MESSENGER, ConsentLedger.Decision.OPT_IN, "test");

    recorder.record(
        context(conversation, "m_flaky_source"),
        List.of(
            MarketingSignal.of(ConversationMoment.CATEGORY_VIEWED),
            MarketingSignal.of(ConversationMoment.ITEM_ADDED),
            MarketingSignal.of(ConversationMoment.CHECKOUT_STARTED)));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count(conversation, "SENT") == count(conversation, null));
    List<List<String>> tries =
        platforms.requests(PlatformStubs.CAPI_EVENTS).stream()
            .map(PlatformStubs::json)
            .map(
                body ->
                    stream(body.path("data"))
                        .filter(
                            e ->
                                e.path("user_data")
                                    .path("page_scoped_user_id")
                                    .asText()
                                    .equals("900000000000032"))
                        .map(e -> e.path("event_name").asText())
                        .toList())
            .filter(names -> !names.isEmpty())
            .toList();
    assertThat(tries).hasSize(2);
    assertThat(tries.get(0)).containsExactlyInAnyOrderElementsOf(tries.get(1)).hasSize(3);
    assertThat(outcomeLog()).contains("\"status\":\"SENT\"");
  }

  @Test
  void whileTheConversionsApiIsDownCustomersAreStillAnsweredAndTheEventsGoLater() {
    extraStubs.add(
        platforms
            .server()
            .stubFor(
                post(urlPathEqualTo(PlatformStubs.CAPI_EVENTS))
                    .atPriority(1)
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))));
    Customer lia = new Customer(port, jdbc, "messenger", "900000000000033", MESSENGER_SECRET);
    String conversation = lia.conversationId(PAGE_ID);

    lia.says("quero promoções");
    assertThat(Customer.text(lia.says("uma pizza margherita grande"))).contains("Margherita");
    assertThat(Customer.choices(lia.picks("CHECKOUT"))).containsExactly("DELIVERY", "PICKUP");
    lia.picks("PICKUP");
    lia.says("Lia");
    assertThat(Customer.text(lia.says("11 98888-7777"))).contains("Total");
    assertThat(Customer.choices(lia.picks("CONFIRM"))).contains("PAY:PIX");

    long pixelEvents = countSink(conversation, "facebook-pixel", null);
    assertThat(pixelEvents).isPositive();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.sql(
                            "select count(*) from marketing_event where conversation_id = ?"
                                + " and sink = 'facebook-pixel' and attempts > 0 and status = 'PENDING'")
                        .param(conversation)
                        .query(Long.class)
                        .single()
                    > 0);
    assertThat(countSink(conversation, "facebook-pixel", "SENT")).isZero();
    // GA4 is unaffected
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> countSink(conversation, "ga4", "SENT") == countSink(conversation, "ga4", null));

    removeExtraStubs();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> countSink(conversation, "facebook-pixel", "SENT") == pixelEvents);
  }

  // ---- helpers ----

  private static MarketingContext context(String conversation, String source) {
    String psid = conversation.substring(conversation.lastIndexOf(':') + 1);
    return new MarketingContext(
        conversation,
        Channel.MESSENGER,
        PAGE_ID,
        psid,
        new CustomerData(
            null, null, "Teste", null, null, null, null, null, null, null, conversation),
        source,
        Instant.now());
  }

  private void awaitNothingInFlight() {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                jdbc.sql(
                            "select count(*) from marketing_event where status in ('PENDING', 'SENDING')")
                        .query(Long.class)
                        .single()
                    == 0);
    // nor waiting in the aggregator (a withdrawn event stays there until its batch completes)
    AggregateProcessor batches = camel.getProcessor("marketing-batch", AggregateProcessor.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> batches.getAggregationRepository().getKeys().isEmpty());
  }

  private long count(String conversation, String status) {
    return status == null
        ? jdbc.sql("select count(*) from marketing_event where conversation_id = ?")
            .param(conversation)
            .query(Long.class)
            .single()
        : jdbc.sql("select count(*) from marketing_event where conversation_id = ? and status = ?")
            .params(conversation, status)
            .query(Long.class)
            .single();
  }

  private long countSink(String conversation, String sink, String status) {
    return jdbc.sql(
            "select count(*) from marketing_event where conversation_id = ? and sink = ?"
                + (status == null ? "" : " and status = '" + status + "'"))
        .params(conversation, sink)
        .query(Long.class)
        .single();
  }

  private List<String> names(String conversation, String sink) {
    return jdbc.sql(
            "select name from marketing_event where conversation_id = ? and sink = ? order by id")
        .params(conversation, sink)
        .query(String.class)
        .list();
  }

  private List<JsonNode> capiElements(String conversation) {
    String externalId = CustomerInformation.sha256(CustomerInformation.externalId(conversation));
    return platforms.requests(PlatformStubs.CAPI_EVENTS).stream()
        .map(PlatformStubs::json)
        .flatMap(body -> stream(body.path("data")))
        .filter(e -> e.path("user_data").path("external_id").asText().equals(externalId))
        .toList();
  }

  private static JsonNode only(List<JsonNode> elements, String name) {
    List<JsonNode> found =
        elements.stream().filter(e -> e.path("event_name").asText().equals(name)).toList();
    assertThat(found).as(name).hasSize(1);
    return found.get(0);
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.stream();
  }

  private static String outcomeLog() {
    try (Stream<Path> files = Files.list(Path.of("target/marketing-e2e"))) {
      StringBuilder all = new StringBuilder();
      for (Path file : files.toList()) {
        all.append(Files.readString(file, StandardCharsets.UTF_8));
      }
      return all.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
