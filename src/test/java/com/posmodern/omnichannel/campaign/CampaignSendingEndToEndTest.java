package com.posmodern.omnichannel.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.posmodern.omnichannel.support.Customer;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import com.posmodern.omnichannel.support.PlatformStubs;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Campaigns sending on the running app: its real routes, campaign-sends.fifo on the embedded
 * ElasticMQ, and Twilio's Messages API as a WireMock stub that checks nothing but records every
 * request, so the tests assert exactly what Twilio received.
 */
class CampaignSendingEndToEndTest extends EndToEndTestSupport {

  private static final Pattern ORDER_CODE = Pattern.compile("#([A-Z0-9]{8})");

  @Autowired CampaignAttribution attribution;
  @Autowired CampaignMetrics metrics;
  @Autowired MeterRegistry meters;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT_SID = "HX" + "c".repeat(32);

  @Test
  void aThousandCustomerCampaignSendsOnceToEachOptedInCustomerAtItsRate() throws Exception {
    CampaignCustomers customers = new CampaignCustomers(jdbc);
    Instant now = clock.instant();
    for (int i = 0; i < 1000; i++) {
      String phone = phone("88", i);
      customers.customer(phone, "Cliente " + i, now);
      // A quarter never decided, a quarter opted out after opting in, half opted in.
      if (i % 4 != 0) {
        customers.consent(phone, "OPT_IN", now.minusSeconds(60));
      }
      if (i % 4 == 2) {
        customers.consent(phone, "OPT_OUT", now);
      }
      customers.order("C8" + String.format("%05d", i), phone, "08880-000", now.minusSeconds(3600));
    }
    List<String> optedIn =
        IntStream.range(0, 1000)
            .filter(i -> i % 4 == 1 || i % 4 == 3)
            .mapToObj(i -> phone("88", i))
            .toList();

    String id = create("08880", 4800);
    api().move(id, "start");
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> api().campaign(id).path("status").asText().equals("finished"));

    // Exactly one message per opted-in customer, none to anyone else.
    Map<String, Long> sent =
        platforms.requests(PlatformStubs.TWILIO_MESSAGES).stream()
            .map(PlatformStubs::form)
            .filter(form -> CONTENT_SID.equals(form.get("ContentSid")))
            .filter(form -> form.get("To").startsWith("whatsapp:+551188"))
            .collect(Collectors.groupingBy(form -> form.get("To"), Collectors.counting()));
    assertThat(sent).hasSize(500);
    assertThat(sent.values()).allMatch(n -> n == 1);
    assertThat(sent.keySet())
        .containsExactlyInAnyOrderElementsOf(optedIn.stream().map(p -> "whatsapp:" + p).toList());

    // The request Twilio got: an approved template, its variables as JSON, WhatsApp addresses.
    Map<String, String> one = platforms.whatsAppSentTo(optedIn.get(0)).get(0);
    assertThat(one)
        .containsEntry("To", "whatsapp:" + optedIn.get(0))
        .containsEntry("From", "whatsapp:+14155238886")
        .containsEntry("ContentSid", CONTENT_SID)
        .doesNotContainKeys("Body", "MediaUrl");
    assertThat(JSON.readTree(one.get("ContentVariables")).path("1").asText()).isEqualTo("amigo");

    JsonNode campaign = api().campaign(id);
    assertThat(campaign.path("targeted").asInt()).isEqualTo(500);
    assertThat(campaign.path("recipients").path("sent").asInt()).isEqualTo(500);
    assertThat(campaign.path("skipped").path("no_consent").asInt()).isGreaterThanOrEqualTo(500);

    // 4,800 a minute is 80 a second: 500 messages take at least 6 seconds, never more in a second.
    List<Instant> queued =
        jdbc
            .sql(
                "select queued_at from campaign_recipient where campaign_id = ? order by queued_at")
            .param(id)
            .query(Timestamp.class)
            .list()
            .stream()
            .map(Timestamp::toInstant)
            .toList();
    assertThat(Duration.between(queued.get(0), queued.get(queued.size() - 1)))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    Map<Long, Long> perSecond =
        queued.stream()
            .collect(Collectors.groupingBy(Instant::getEpochSecond, Collectors.counting()));
    assertThat(perSecond.values()).allMatch(n -> n <= 160);

    // The CSV has a line per recipient, phones masked.
    HttpResponse<String> csv = api().get("/api/operator/campaigns/" + id + "/recipients.csv");
    assertThat(csv.body().lines()).hasSize(501);
    assertThat(csv.body()).doesNotContain(optedIn.get(0)).contains(",sent,");

    // A second campaign to the same customers within the week: the frequency cap leaves them out.
    int before = platforms.requests(PlatformStubs.TWILIO_MESSAGES).size();
    String again = create("08880", 4800);
    api().move(again, "start");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> api().campaign(again).path("status").asText().equals("finished"));
    assertThat(api().campaign(again).path("recipients").path("skipped").asInt()).isEqualTo(500);
    assertThat(platforms.requests(PlatformStubs.TWILIO_MESSAGES)).hasSize(before);
  }

  @Test
  void stopResumeAnOptOutMidwayAndTwiliosUnsubscribedError() throws Exception {
    CampaignCustomers customers = new CampaignCustomers(jdbc);
    Instant now = clock.instant();
    for (int i = 0; i < 20; i++) {
      customers.optedIn(
          phone("77", i), "Cliente " + i, "C7" + String.format("%05d", i), "07770-000", now);
    }
    // Twilio refuses the last customer: they replied STOP to the business (error 21610).
    StubMapping unsubscribed =
        platforms
            .server()
            .stubFor(
                WireMock.post(urlPathEqualTo(PlatformStubs.TWILIO_MESSAGES))
                    .atPriority(1)
                    .withRequestBody(
                        containing(
                            "To="
                                + java.net.URLEncoder.encode(
                                    "whatsapp:" + phone("77", 19), StandardCharsets.UTF_8)))
                    .willReturn(
                        aResponse()
                            .withStatus(400)
                            .withHeader("Content-Type", "application/json")
                            .withBody(
                                "{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\",\"status\":400}")));
    try {
      String id = create("07770", 120); // two a second
      api().move(id, "start");
      await().atMost(Duration.ofSeconds(30)).until(() -> sentCount(id) >= 4);
      api().move(id, "stop");
      int stopped = sentCount(id);
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(6))
          .until(() -> sentCount(id) <= stopped + 2);
      int whileStopped = sentCount(id);
      assertThat(api().campaign(id).path("status").asText()).isEqualTo("stopped");

      // The customer says SAIR while the campaign is stopped: no message to them from now on.
      customers.consent(phone("77", 18), "OPT_OUT", clock.instant());
      api().move(id, "resume");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> api().campaign(id).path("status").asText().equals("finished"));

      assertThat(whileStopped).isLessThan(18);
      assertThat(platforms.whatsAppSentTo(phone("77", 18))).isEmpty();
      JsonNode campaign = api().campaign(id);
      assertThat(campaign.path("recipients").path("sent").asInt()).isEqualTo(18);
      assertThat(campaign.path("recipients").path("opted_out").asInt()).isEqualTo(2);
      Map<String, Object> refused =
          jdbc.sql(
                  "select status, error_code from campaign_recipient where campaign_id = ? and phone = ?")
              .params(id, phone("77", 19))
              .query()
              .singleRow();
      assertThat(refused).containsEntry("status", "opted_out").containsEntry("error_code", "21610");
      assertThat(
              jdbc.sql(
                      "select source from consent_ledger where conversation_id = ? order by id desc limit 1")
                  .param(CampaignCustomers.conversation(phone("77", 19)))
                  .query(String.class)
                  .single())
          .isEqualTo("twilio:21610");
      for (int i = 0; i < 18; i++) {
        assertThat(platforms.whatsAppSentTo(phone("77", i))).as(phone("77", i)).hasSize(1);
      }
      assertThat(api().move(id, "resume").statusCode()).isEqualTo(409);
    } finally {
      platforms.server().removeStub(unsubscribed);
    }
  }

  @Test
  void nothingIsSentInQuietHoursAndACancelledCampaignSendsNothingMore() throws Exception {
    CampaignCustomers customers = new CampaignCustomers(jdbc);
    Instant now = clock.instant();
    for (int i = 0; i < 5; i++) {
      customers.optedIn(
          phone("66", i), "Cliente " + i, "C6" + String.format("%05d", i), "06660-000", now);
    }
    // The test clock says 20:00 in São Paulo: quiet from 19:00 to 23:00.
    String id = create("06660", 4800, "19:00", "23:00");
    api().move(id, "start");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> api().campaign(id).path("recipients").path("pending").asInt() == 5);
    api().move(id, "cancel");
    JsonNode cancelled = api().campaign(id);
    assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
    assertThat(cancelled.path("recipients").path("skipped").asInt()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      assertThat(platforms.whatsAppSentTo(phone("66", i))).isEmpty();
    }
  }

  @Test
  void twiliosStatusCallbacksMoveACampaignMessageToDeliveredAndRead() throws Exception {
    CampaignCustomers customers = new CampaignCustomers(jdbc);
    Instant now = clock.instant();
    customers.optedIn(phone("55", 0), "Cliente", "C500000", "05550-000", now);
    String sid = "SM" + "5".repeat(32);
    StubMapping answer = platforms.server().stubFor(twilioAccepts(phone("55", 0), sid, 0));
    try {
      String id = create("05550", 60);
      api().move(id, "start");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> api().campaign(id).path("status").asText().equals("finished"));
      for (String status : List.of("delivered", "read")) {
        statusCallback(phone("55", 0), sid, status, null);
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> api().campaign(id).path("recipients").path("read").asInt() == 1);
    } finally {
      platforms.server().removeStub(answer);
    }
  }

  @Test
  void aStatusCallbackThatComesBeforeTwiliosAnswerIsAppliedOnceTheAnswerIsRecorded()
      throws Exception {
    CampaignCustomers customers = new CampaignCustomers(jdbc);
    Instant now = clock.instant();
    String phone = phone("56", 0);
    customers.optedIn(phone, "Cliente", "C560000", "05560-000", now);
    String sid = "SM" + "6".repeat(32);
    // Twilio's answer takes 4 s; its "delivered" callback comes meanwhile.
    StubMapping slow = platforms.server().stubFor(twilioAccepts(phone, sid, 4000));
    try {
      String id = create("05560", 60);
      api().move(id, "start");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> recipientStatus(id, phone).equals("sending"));
      statusCallback(phone, sid, "delivered", null);

      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> api().campaign(id).path("status").asText().equals("finished"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> recipientStatus(id, phone).equals("delivered"));
      assertThat(api().campaign(id).path("recipients").path("delivered").asInt()).isEqualTo(1);
    } finally {
      platforms.server().removeStub(slow);
    }
  }

  @Test
  void twiliosErrorCallbacksFailOrSendAgainAsTwilioDocumentsThem() throws Exception {
    CampaignCustomers customers = new CampaignCustomers(jdbc);
    Instant now = clock.instant();
    List<StubMapping> answers = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String phone = phone("57", i);
      customers.optedIn(phone, "Cliente", "C57000" + i, "05570-000", now);
      answers.add(platforms.server().stubFor(twilioAccepts(phone, "SM" + ("7" + i).repeat(16), 0)));
    }
    try {
      String id = create("05570", 60);
      api().move(id, "start");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> api().campaign(id).path("status").asText().equals("finished"));
      // 63016: outside the 24-hour window without an approved template: failed, with the code.
      statusCallback(phone("57", 0), "SM" + "70".repeat(16), "undelivered", "63016");
      // 63018: the sender's rate limit; Twilio advises sending it again later.
      statusCallback(phone("57", 1), "SM" + "71".repeat(16), "undelivered", "63018");

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> recipientStatus(id, phone("57", 0)).equals("failed"));
      assertThat(
              jdbc.sql(
                      "select error_code from campaign_recipient where campaign_id = ? and phone = ?")
                  .params(id, phone("57", 0))
                  .query(String.class)
                  .single())
          .isEqualTo("63016");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> platforms.whatsAppSentTo(phone("57", 1)).size() == 2);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> api().campaign(id).path("status").asText().equals("finished"));
      assertThat(recipientStatus(id, phone("57", 1))).isEqualTo("sent");
      assertThat(platforms.whatsAppSentTo(phone("57", 0))).hasSize(1);
    } finally {
      answers.forEach(platforms.server()::removeStub);
    }
  }

  /** Twilio accepts the message to this phone with this SID, after a delay (ms). */
  private static com.github.tomakehurst.wiremock.client.MappingBuilder twilioAccepts(
      String phone, String sid, int delayMs) {
    return WireMock.post(urlPathEqualTo(PlatformStubs.TWILIO_MESSAGES))
        .atPriority(1)
        .withRequestBody(
            containing(
                "To=" + java.net.URLEncoder.encode("whatsapp:" + phone, StandardCharsets.UTF_8)))
        .willReturn(
            aResponse()
                .withStatus(201)
                .withFixedDelay(delayMs)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\"}"));
  }

  /** Twilio's status callback for a message (with its error code when it failed). */
  private void statusCallback(String phone, String sid, String status, String errorCode)
      throws Exception {
    Map<String, String> form = new java.util.HashMap<>();
    form.put("MessageSid", sid);
    form.put("MessageStatus", status);
    form.put("AccountSid", PlatformStubs.TWILIO_ACCOUNT);
    form.put("To", "whatsapp:" + phone);
    form.put("From", "whatsapp:+14155238886");
    if (errorCode != null) {
      form.put("ErrorCode", errorCode);
    }
    assertThat(webhooks().whatsAppStatus(TWILIO_TOKEN, form).statusCode()).isBetween(200, 299);
  }

  private String recipientStatus(String campaignId, String phone) {
    return jdbc.sql(
            "select status from campaign_recipient where campaign_id = ? and conversation_id = ?")
        .params(campaignId, CampaignCustomers.conversation(phone))
        .query(String.class)
        .single();
  }

  @Test
  void anUncertainTwilioAnswerIsNeverSentAgainAndA429IsRetriedUntilItsAttempts() throws Exception {
    CampaignCustomers customers = new CampaignCustomers(jdbc);
    Instant now = clock.instant();
    for (int i = 0; i < 3; i++) {
      customers.optedIn(
          phone("44", i), "Cliente " + i, "C4" + String.format("%05d", i), "04450-000", now);
    }
    // Customer 0: Twilio answers 503 (the message may have gone out). Customer 1: 429, always.
    List<StubMapping> stubs =
        List.of(
            platforms
                .server()
                .stubFor(twilioAnswer(phone("44", 0), 503, 20500, "Service Unavailable")),
            platforms
                .server()
                .stubFor(twilioAnswer(phone("44", 1), 429, 20429, "Too Many Requests")));
    try {
      String id = create("04450", 4800);
      api().move(id, "start");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> api().campaign(id).path("status").asText().equals("finished"));
      assertThat(platforms.whatsAppSentTo(phone("44", 0))).hasSize(1);
      assertThat(platforms.whatsAppSentTo(phone("44", 1))).hasSize(5);
      assertThat(platforms.whatsAppSentTo(phone("44", 2))).hasSize(1);
      JsonNode recipients = api().campaign(id).path("recipients");
      assertThat(recipients.path("unknown").asInt()).isEqualTo(1);
      assertThat(recipients.path("failed").asInt()).isEqualTo(1);
      assertThat(recipients.path("sent").asInt()).isEqualTo(1);
    } finally {
      stubs.forEach(platforms.server()::removeStub);
    }

    // A misspelt field is refused, not ignored (it would have widened the segment).
    HttpResponse<String> typo =
        api()
            .post(
                "/api/operator/campaigns/dry-run",
                "{\"name\":\"x\",\"segment\":{\"minOrder\":2},\"template\":{\"contentSid\":\""
                    + CONTENT_SID
                    + "\"},\"ratePerMinute\":10}");
    assertThat(typo.statusCode()).isEqualTo(400);
    assertThat(typo.body()).contains("unknown field 'minOrder'");
  }

  @Test
  void aReplyAndAnOrderWithinTheWindowCountForTheCampaignAndItsPurchaseEventCarriesIt()
      throws Exception {
    CampaignCustomers customers = new CampaignCustomers(jdbc);
    Instant now = clock.instant();
    String phone = phone("33", 1);
    customers.customer(phone, "Lia", now);
    customers.consent(phone, "OPT_IN", now.minusSeconds(60));
    customers.order("C3" + "00001", phone, "03330-000", now.minus(Duration.ofDays(20)));
    String id = create("03330", 600);
    api().move(id, "start");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> api().campaign(id).path("status").asText().equals("finished"));
    assertThat(api().campaign(id).path("results").path("replied").asInt()).isZero();

    // The customer answers the campaign and orders.
    Customer lia = new Customer(port, jdbc, "whatsapp", phone, TWILIO_TOKEN);
    lia.says("oi, quero pedir");
    lia.says("uma feijoada e um suco de laranja");
    lia.picks("CHECKOUT");
    lia.picks("PICKUP");
    lia.says("Lia Campos");
    lia.picks("CONFIRM");
    lia.picks("PAY:CASH");
    Matcher code = ORDER_CODE.matcher(Customer.text(lia.picks("NO_CHANGE")));
    assertThat(code.find()).isTrue();
    long total =
        jdbc.sql("select total_cents from customer_order where id = ?")
            .param(code.group(1))
            .query(Long.class)
            .single();

    JsonNode results = api().campaign(id).path("results");
    assertThat(results.path("replied").asInt()).isEqualTo(1);
    assertThat(results.path("orders").asInt()).isEqualTo(1);
    assertThat(results.path("orderValueCents").asLong()).isEqualTo(total);

    // The Conversions API's Purchase event for the order carries the campaign.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        platforms.requests(PlatformStubs.CAPI_EVENTS).stream()
                            .map(PlatformStubs::json)
                            .flatMap(
                                body ->
                                    StreamSupport.stream(body.path("data").spliterator(), false))
                            .filter(
                                e -> e.path("event_id").asText().equals("order-" + code.group(1)))
                            .map(e -> e.path("custom_data").path("campaign_id").asText())
                            .toList())
                    .containsExactly(id));
    // Prometheus has the same results.
    metrics.refresh();
    assertThat(
            meters
                .get("omnichannel.campaign.results")
                .tags("campaign", id, "result", "orders")
                .gauge()
                .value())
        .isEqualTo(1.0);
    assertThat(
            meters
                .get("omnichannel.campaign.recipients")
                .tags("campaign", id, "status", "sent")
                .gauge()
                .value())
        .isEqualTo(1.0);
    // Past the window, an order is nobody's.
    jdbc.sql("update customer_order set created_at = ? where id = ?")
        .params(Timestamp.from(clock.instant().plus(Duration.ofDays(8))), code.group(1))
        .update();
    assertThat(attribution.attributedOrder(CampaignCustomers.conversation(phone), code.group(1)))
        .isEmpty();
    assertThat(api().campaign(id).path("results").path("orders").asInt()).isZero();
  }

  private OperatorApi api() {
    return new OperatorApi(port, OPERATOR_PASSWORD);
  }

  private static com.github.tomakehurst.wiremock.client.MappingBuilder twilioAnswer(
      String phone, int status, int code, String message) {
    return WireMock.post(urlPathEqualTo(PlatformStubs.TWILIO_MESSAGES))
        .atPriority(1)
        .withRequestBody(
            containing(
                "To=" + java.net.URLEncoder.encode("whatsapp:" + phone, StandardCharsets.UTF_8)))
        .willReturn(
            aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(
                    "{\"code\":"
                        + code
                        + ",\"message\":\""
                        + message
                        + "\",\"status\":"
                        + status
                        + "}"));
  }

  private static String phone(String prefix, int i) {
    return "+5511" + prefix + "00" + String.format("%04d", i);
  }

  private int sentCount(String id) throws Exception {
    return api().campaign(id).path("recipients").path("sent").asInt()
        + api().campaign(id).path("recipients").path("opted_out").asInt();
  }

  private String create(String cepPrefix, int rate) throws Exception {
    return create(cepPrefix, rate, null, null);
  }

  private String create(String cepPrefix, int rate, String quietFrom, String quietTo)
      throws Exception {
    String schedule =
        quietFrom == null
            ? "{}"
            : "{\"quietFrom\":\"" + quietFrom + "\",\"quietTo\":\"" + quietTo + "\"}";
    HttpResponse<String> created =
        api()
            .post(
                "/api/operator/campaigns",
                "{\"name\":\"Quinta da pizza\",\"segment\":{\"cepPrefixes\":[\""
                    + cepPrefix
                    + "\"]},\"template\":{\"contentSid\":\""
                    + CONTENT_SID
                    + "\",\"variables\":{\"1\":\"amigo\"}},\"schedule\":"
                    + schedule
                    + ",\"ratePerMinute\":"
                    + rate
                    + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).path("id").asText();
  }
}
