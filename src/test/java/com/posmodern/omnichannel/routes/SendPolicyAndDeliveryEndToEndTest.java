package com.posmodern.omnichannel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.support.Customer;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import com.posmodern.omnichannel.support.PlatformStubs;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The 24-hour window and delivery status through the running app: Twilio's signed status callbacks
 * and Meta's read watermark move replies on; replies the window does not allow are not sent, and
 * operators see them with the reason.
 */
class SendPolicyAndDeliveryEndToEndTest extends EndToEndTestSupport {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void twilioStatusCallbacksMoveAWhatsAppReplyOnAndAFailureShowsItsCode() throws Exception {
    String phone = "+5511900000501";
    // Each message to this customer gets its own SID, as Twilio gives.
    platforms
        .server()
        .stubFor(
            post(urlPathEqualTo(PlatformStubs.TWILIO_MESSAGES))
                .atPriority(1)
                .withRequestBody(containing(URLEncoder.encode(phone, StandardCharsets.UTF_8)))
                .willReturn(
                    aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"queued\"}")
                        .withTransformers("response-template")));
    Customer ana = new Customer(port, jdbc, "whatsapp", phone, TWILIO_TOKEN);
    String conversation = ana.conversationId("+14155238886");
    ana.says("oi");
    List<Map<String, Object>> sent = replies(conversation);
    assertThat(sent).hasSizeGreaterThanOrEqualTo(2);
    assertThat(sent).allSatisfy(row -> assertThat(row.get("status")).isEqualTo("SENT"));
    String first = (String) sent.get(0).get("platform_message_id");
    String last = (String) sent.get(sent.size() - 1).get("platform_message_id");
    assertThat(first).startsWith("SM").isNotEqualTo(last);

    assertThat(status(phone, last, "delivered", null).statusCode()).isEqualTo(204);
    awaitStatus(last, "DELIVERED");
    status(phone, last, "read", null);
    awaitStatus(last, "READ");
    status(phone, last, "delivered", null); // late and out of order: read stays read
    status(phone, first, "undelivered", "63016");
    awaitStatus(first, "FAILED");
    assertThat(row(last).get("status")).isEqualTo("READ");
    assertThat(row(first).get("error_code")).isEqualTo("63016");
    assertThat((String) row(first).get("error_detail"))
        .contains("outside the WhatsApp 24-hour window");

    JsonNode failed = CanonicalJson.read(operator("/api/operator/replies").body(), JsonNode.class);
    assertThat(failed.findValuesAsText("platformMessageId")).contains(first);
    assertThat(failed.findValuesAsText("errorCode")).contains("63016");

    Map<String, String> forged = statusForm(phone, last, "failed", "30008");
    assertThat(webhooks().whatsAppStatus("not-the-token", forged).statusCode()).isEqualTo(403);
  }

  @Test
  void outsideTheWindowOnlyAPersonWithin7DaysIsSentAndOperatorsSeeWhatWasNot() throws Exception {
    String psid = "900000000000047";
    Customer bia = new Customer(port, jdbc, "messenger", psid, MESSENGER_SECRET);
    String conversation = bia.conversationId(PAGE_ID);
    bia.says("oi");
    bia.says("quero falar com atendente");

    // Meta's read watermark: everything sent before or at it is read.
    long watermark = clock.instant().plusSeconds(1).toEpochMilli();
    webhooks()
        .meta(
            "messenger",
            MESSENGER_SECRET,
            ("{\"object\":\"page\",\"entry\":[{\"id\":\"%s\",\"time\":%d,\"messaging\":[{\"sender\":{\"id\":\"%s\"},"
                    + "\"recipient\":{\"id\":\"%s\"},\"timestamp\":%d,\"read\":{\"watermark\":%d}}]}]}")
                .formatted(PAGE_ID, watermark, psid, PAGE_ID, watermark, watermark)
                .getBytes(StandardCharsets.UTF_8));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> replies(conversation).stream().allMatch(row -> "READ".equals(row.get("status"))));

    lastWrote(conversation, Duration.ofDays(2));
    assertThat(agentReply(conversation, "Oi Bia, aqui é a Carla.").statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> sentText(psid, "Oi Bia, aqui é a Carla."));

    lastWrote(conversation, Duration.ofDays(8));
    HttpResponse<String> late = agentReply(conversation, "Ainda está aí?");
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(late.body()).contains("only within 7 days");
    assertThat(agent("/api/agent/conversations/" + encode(conversation) + "/handback").statusCode())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                replies(conversation).stream()
                    .anyMatch(row -> "BLOCKED".equals(row.get("status"))));
    assertThat(sentText(psid, "Ainda está aí?")).isFalse();

    JsonNode blocked =
        CanonicalJson.read(
            operator("/api/operator/replies?status=BLOCKED&limit=1000").body(), JsonNode.class);
    List<JsonNode> mine = new java.util.ArrayList<>();
    blocked.forEach(
        row -> {
          if (row.path("conversationId").asText().equals(conversation)) {
            mine.add(row);
          }
        });
    // The hand-back message and its menu question: the bot may not write after 24 hours.
    assertThat(mine).hasSize(2);
    assertThat(mine)
        .allSatisfy(
            row -> {
              assertThat(row.path("errorCode").asText()).isEqualTo("OUTSIDE_WINDOW");
              assertThat(row.path("errorDetail").asText())
                  .contains("the customer last wrote 8 days ago", "only within 24 hours");
            });
    assertThat(mine.get(1).path("part").path("text").asText()).startsWith("Voltei!");
    assertThat(operatorAs("agent", AGENT_PASSWORD, "/api/operator/replies").statusCode())
        .isEqualTo(403);
  }

  private boolean sentText(String psid, String text) {
    return platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, psid).stream()
        .anyMatch(body -> body.path("message").path("text").asText().equals(text));
  }

  private void lastWrote(String conversation, Duration ago) {
    jdbc.sql("update conversation set last_inbound_at = ? where id = ?")
        .params(Timestamp.from(clock.instant().minus(ago)), conversation)
        .update();
  }

  private List<Map<String, Object>> replies(String conversation) {
    return jdbc.sql(
            "select id, status, platform_message_id, error_code, error_detail from outbound_message"
                + " where conversation_id = ? order by id")
        .param(conversation)
        .query()
        .listOfRows();
  }

  private Map<String, Object> row(String platformMessageId) {
    return jdbc.sql(
            "select status, error_code, error_detail from outbound_message where platform_message_id = ?")
        .param(platformMessageId)
        .query()
        .singleRow();
  }

  private void awaitStatus(String platformMessageId, String status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> status.equals(row(platformMessageId).get("status")));
  }

  private HttpResponse<String> status(String phone, String sid, String status, String errorCode) {
    return webhooks().whatsAppStatus(TWILIO_TOKEN, statusForm(phone, sid, status, errorCode));
  }

  private static Map<String, String> statusForm(
      String phone, String sid, String status, String errorCode) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("SmsSid", sid);
    form.put("SmsStatus", status);
    form.put("MessageStatus", status);
    form.put("To", "whatsapp:" + phone);
    form.put("MessageSid", sid);
    form.put("AccountSid", PlatformStubs.TWILIO_ACCOUNT);
    form.put("From", "whatsapp:+14155238886");
    form.put("ApiVersion", "2010-04-01");
    if (errorCode != null) {
      form.put("ErrorCode", errorCode);
    }
    return form;
  }

  private HttpResponse<String> agentReply(String conversation, String text) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + port
                        + "/api/agent/conversations/"
                        + encode(conversation)
                        + "/replies"))
            .header("Authorization", basic("agent", AGENT_PASSWORD))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> agent(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", basic("agent", AGENT_PASSWORD))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> operator(String path) throws Exception {
    return operatorAs("operator", OPERATOR_PASSWORD, path);
  }

  private HttpResponse<String> operatorAs(String user, String password, String path)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", basic(user, password))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
