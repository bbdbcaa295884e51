package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.platform.web.Hmac;
import com.posmodern.omnichannel.privacy.PersonalData;
import com.posmodern.omnichannel.support.Customer;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Meta's data deletion callback through the real route: a correctly signed request erases the
 * customer everywhere the app keeps personal data (checked table by table), a forged one changes
 * nothing; the retention period erases idle conversations.
 */
class DataDeletionEndToEndTest extends EndToEndTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ORDER_CODE = Pattern.compile("#([A-Z0-9]{8})");

  @Autowired PersonalData personalData;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aSignedRequestErasesTheCustomersPersonalDataEverywhere() throws Exception {
    Customer beatriz = new Customer(port, jdbc, "messenger", "900000000000013", MESSENGER_SECRET);
    String conversation = beatriz.conversationId(PAGE_ID);
    beatriz.says("quero promoções");
    beatriz.says("uma feijoada e um suco de laranja");
    beatriz.picks("CHECKOUT");
    beatriz.picks("PICKUP");
    beatriz.says("Beatriz Lima");
    beatriz.says("(31) 97777-1234");
    beatriz.picks("CONFIRM");
    beatriz.picks("PAY:CASH");
    Matcher code = ORDER_CODE.matcher(Customer.text(beatriz.picks("NO_CHANGE")));
    assertThat(code.find()).isTrue();
    String orderId = code.group(1);
    assertThat(rows("conversation_message", conversation)).isPositive();
    assertThat(rows("marketing_event", conversation)).isPositive();

    HttpResponse<String> answer =
        deletionCallback(signedRequest(MESSENGER_SECRET, "900000000000013"));

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode json = JSON.readTree(answer.body());
    String confirmation = json.path("confirmation_code").asText();
    assertThat(confirmation).matches("[A-Z0-9]{20}");
    assertThat(json.path("url").asText()).endsWith("/privacy/deletion-status?code=" + confirmation);

    for (String table :
        List.of(
            "conversation_message",
            "outbound_message",
            "marketing_event",
            "marketing_attribution",
            "consent_ledger",
            "processed_message",
            "customer_order")) {
      assertThat(rows(table, conversation)).as(table).isZero();
    }
    assertThat(
            jdbc.sql("select count(*) from conversation where id = ?")
                .param(conversation)
                .query(Long.class)
                .single())
        .isZero();
    String pseudonym =
        jdbc.sql("select conversation_id from customer_order where id = ?")
            .param(orderId)
            .query(String.class)
            .single();
    assertThat(pseudonym).startsWith("erased:").doesNotContain("900000000000013");
    String order =
        jdbc.sql("select body from customer_order where id = ?")
            .param(orderId)
            .query(String.class)
            .single();
    assertThat(order).doesNotContain("Beatriz", "97777", "900000000000013").contains(pseudonym);
    assertThat(
            jdbc.sql("select body from pos_outbox where order_id = ?")
                .param(orderId)
                .query(String.class)
                .list())
        .isNotEmpty()
        .allSatisfy(body -> assertThat(body).doesNotContain("Beatriz", "97777"));
    assertThat(rows("consent_ledger", pseudonym))
        .as("the consent proof stays, pseudonymous")
        .isEqualTo(1);
    assertThat(
            jdbc.sql("select status from data_deletion where confirmation_code = ?")
                .param(confirmation)
                .query(String.class)
                .single())
        .isEqualTo("COMPLETED");

    HttpResponse<String> status = get(json.path("url").asText());
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(status.body()).contains(confirmation, "Concluída", "Completed");
    assertThat(get("http://localhost:" + port + "/privacy/deletion-status?code=NOPE").statusCode())
        .isEqualTo(404);
  }

  @Test
  void aForgedOrMalformedRequestIsRefusedAndErasesNothing() throws Exception {
    Customer carlos = new Customer(port, jdbc, "messenger", "900000000000014", MESSENGER_SECRET);
    String conversation = carlos.conversationId(PAGE_ID);
    carlos.says("oi");

    assertThat(deletionCallback(signedRequest("not-our-secret", "900000000000014")).statusCode())
        .isEqualTo(403);
    assertThat(deletionCallback("garbage").statusCode()).isEqualTo(400);
    // a correctly signed request captured two days ago cannot be replayed
    assertThat(
            deletionCallback(
                    signedRequest(
                        MESSENGER_SECRET,
                        "900000000000014",
                        clock.instant().minus(Duration.ofDays(2))))
                .statusCode())
        .isEqualTo(403);
    assertThat(deletionCallback(null).statusCode()).isEqualTo(400);

    assertThat(
            jdbc.sql("select count(*) from conversation where id = ?")
                .param(conversation)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(rows("conversation_message", conversation)).isPositive();
  }

  @Test
  void theRetentionPeriodErasesConversationsNobodyWroteInForThatLong() {
    Customer old = new Customer(port, jdbc, "instagram", "900000000000015", INSTAGRAM_SECRET);
    Customer recent = new Customer(port, jdbc, "instagram", "900000000000016", INSTAGRAM_SECRET);
    old.says("oi");
    recent.says("oi");
    String stale = old.conversationId(IG_ID);
    Timestamp twoYearsAgo = Timestamp.from(clock.instant().minus(Duration.ofDays(730)));
    jdbc.sql("update conversation set last_inbound_at = ?, updated_at = ? where id = ?")
        .params(twoYearsAgo, twoYearsAgo, stale)
        .update();

    int erased = personalData.purgeOlderThan(Duration.ofDays(365));

    assertThat(erased).isEqualTo(1);
    assertThat(rows("conversation_message", stale)).isZero();
    assertThat(
            jdbc.sql("select count(*) from conversation where id = ?")
                .param(recent.conversationId(IG_ID))
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(
            jdbc.sql("select count(*) from data_deletion where source = 'retention'")
                .query(Long.class)
                .single())
        .isPositive();
  }

  @Test
  void operatorsSeeEventOutcomesAndConsentAndEraseOnRequest() throws Exception {
    Customer davi = new Customer(port, jdbc, "messenger", "900000000000017", MESSENGER_SECRET);
    String conversation = davi.conversationId(PAGE_ID);
    davi.says("quero promoções");
    String base = "http://localhost:" + port + "/api/operator";

    assertThat(operator(base + "/marketing/events", null, "GET").statusCode()).isEqualTo(401);
    assertThat(operator(base + "/privacy/erase?conversationId=x", null, "POST").statusCode())
        .isEqualTo(401);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                JSON.readTree(
                        operator(
                                base + "/marketing/events?status=SENT&limit=1000",
                                OPERATOR_PASSWORD,
                                "GET")
                            .body())
                    .findValuesAsText("name")
                    .contains("LeadSubmitted"));
    JsonNode history =
        JSON.readTree(
            operator(
                    base
                        + "/consent?conversationId="
                        + URLEncoder.encode(conversation, StandardCharsets.UTF_8),
                    OPERATOR_PASSWORD,
                    "GET")
                .body());
    assertThat(history.get(0).path("decision").asText()).isEqualTo("OPT_IN");

    HttpResponse<String> erased =
        operator(
            base
                + "/privacy/erase?conversationId="
                + URLEncoder.encode(conversation, StandardCharsets.UTF_8),
            OPERATOR_PASSWORD,
            "POST");
    assertThat(erased.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(erased.body()).path("source").asText()).isEqualTo("operator");
    assertThat(rows("conversation_message", conversation)).isZero();
  }

  private HttpResponse<String> operator(String url, String password, String method)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (password != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(("operator:" + password).getBytes(StandardCharsets.UTF_8)));
    }
    request.method(method, HttpRequest.BodyPublishers.noBody());
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private long rows(String table, String conversation) {
    return jdbc.sql("select count(*) from " + table + " where conversation_id = ?")
        .param(conversation)
        .query(Long.class)
        .single();
  }

  /** A signed_request as Meta builds it: base64url(HMAC-SHA256(payload)) "." base64url(payload). */
  private String signedRequest(String secret, String userId) {
    return signedRequest(secret, userId, clock.instant());
  }

  private static String signedRequest(String secret, String userId, Instant issuedAt) {
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("{\"algorithm\":\"HMAC-SHA256\",\"expires\":"
                        + (issuedAt.getEpochSecond() + 3600)
                        + ",\"issued_at\":"
                        + issuedAt.getEpochSecond()
                        + ",\"user_id\":\""
                        + userId
                        + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
    String signature =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(Hmac.sha256(secret, payload.getBytes(StandardCharsets.US_ASCII)));
    return signature + "." + payload;
  }

  private HttpResponse<String> deletionCallback(String signedRequest) throws Exception {
    String body =
        signedRequest == null
            ? "other=1"
            : "signed_request=" + URLEncoder.encode(signedRequest, StandardCharsets.UTF_8);
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/webhooks/meta/data-deletion"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
