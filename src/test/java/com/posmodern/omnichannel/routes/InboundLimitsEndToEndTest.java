package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.posmodern.omnichannel.support.EndToEndTestSupport;
import com.posmodern.omnichannel.support.Webhooks;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signed requests that could be acknowledged but never stored or queued are refused with 400 before
 * they are acknowledged, and text SQS cannot carry is cleaned, through the real webhook routes: a
 * refused request leaves nothing behind, a cleaned one is answered like any other.
 */
class InboundLimitsEndToEndTest extends EndToEndTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SID_ZEROS = "SM000000000000000000000000000000";

  private Map<String, String> whatsAppForm(String sid, String from, String body) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", sid);
    form.put("AccountSid", "ACtest");
    form.put("From", from);
    form.put("To", "whatsapp:+14155238886");
    form.put("Body", body);
    form.put("NumMedia", "0");
    return form;
  }

  private HttpResponse<String> signedWhatsApp(Map<String, String> form) {
    return webhooks()
        .whatsAppForm(
            form,
            Webhooks.twilioSignature(
                TWILIO_TOKEN, "http://localhost:" + port + "/webhooks/whatsapp", form));
  }

  private long processed(String messageIdPrefix) {
    return jdbc.sql("select count(*) from processed_message where message_id like ?")
        .param(messageIdPrefix + "%")
        .query(Long.class)
        .single();
  }

  @Test
  void twilioFieldsTheAppCannotStoreAreRefusedBeforeTheyAreAcknowledged() {
    Map<String, Map<String, String>> refused = new LinkedHashMap<>();
    refused.put(
        "a 5,000-character MessageSid",
        whatsAppForm("SM" + "a".repeat(4998), "whatsapp:+5511911110001", "oi"));
    refused.put(
        "a MessageSid with a control character",
        whatsAppForm(SID_ZEROS + "\u0001x", "whatsapp:+5511911110001", "oi"));
    refused.put("a From without whatsapp:", whatsAppForm(SID_ZEROS + "l1", "+5511911110001", "oi"));
    refused.put("an empty From number", whatsAppForm(SID_ZEROS + "l2", "whatsapp:", "oi"));
    Map<String, String> clid = whatsAppForm(SID_ZEROS + "l3", "whatsapp:+5511911110001", "oi");
    clid.put("ReferralSourceId", "120200000000000");
    clid.put("ReferralCtwaClid", "c".repeat(10_000));
    refused.put("a 10,000-character ReferralCtwaClid", clid);
    Map<String, String> media = whatsAppForm(SID_ZEROS + "l4", "whatsapp:+5511911110001", "oi");
    media.put("NumMedia", "2147483647");
    refused.put("NumMedia=2147483647", media);

    refused.forEach(
        (what, form) -> {
          long started = System.nanoTime();
          HttpResponse<String> answer = signedWhatsApp(form);
          assertThat(answer.statusCode()).as(what).isEqualTo(400);
          assertThat(Duration.ofNanos(System.nanoTime() - started))
              .as(what)
              .isLessThan(Duration.ofSeconds(5));
        });
    assertThat(processed("SM" + "a".repeat(10))).isZero();
    assertThat(processed(SID_ZEROS + "l")).isZero();
  }

  @Test
  void aFormWithARepeatedKeyIsRefusedTwilioSignsEveryValue() throws Exception {
    String url = "http://localhost:" + port + "/webhooks/whatsapp";
    Map<String, String> form = whatsAppForm(SID_ZEROS + "r1", "whatsapp:+5511911110002", "oi");
    String signature = Webhooks.twilioSignature(TWILIO_TOKEN, url, form);
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(enc(k)).append('=').append(enc(v)).append('&'));
    body.append("Body=").append(enc("quero 10 pizzas"));

    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(processed(SID_ZEROS + "r1")).isZero();
  }

  @Test
  void whatsAppTextSqsCannotCarryIsCleanedAndAnswered() {
    String phone = "+5511911110003";
    String sid = SID_ZEROS + "c1";

    HttpResponse<String> answer =
        // (a lone surrogate cannot travel in a UTF-8 form; the Meta test below sends one as JSON)
        signedWhatsApp(whatsAppForm(sid, "whatsapp:" + phone, "o\u0000i\uFFFF\uFFFE!"));

    assertThat(answer.statusCode()).isEqualTo(200);
    await().atMost(WAIT).until(() -> !platforms.whatsAppSentTo(phone).isEmpty());
    assertThat(inboundText("whatsapp:+14155238886:" + phone)).isEqualTo("oi\uFFFD\uFFFD!");
  }

  private String inboundText(String conversationId) {
    return jdbc.sql(
            "select text from conversation_message where conversation_id = ? and direction = 'in'"
                + " order by id limit 1")
        .param(conversationId)
        .query(String.class)
        .single();
  }

  private static String metaEvent(String sender, String mid, String text) {
    return ("{\"object\":\"page\",\"entry\":[{\"id\":\"%s\",\"time\":1700000000000,\"messaging\":[{\"sender\":{\"id\":%s},"
            + "\"recipient\":{\"id\":\"%s\"},\"timestamp\":1700000000000,\"message\":{\"mid\":\"%s\",\"text\":\"%s\"}}]}]}")
        .formatted(PAGE_ID, sender, PAGE_ID, mid, text);
  }

  private HttpResponse<String> signedMessenger(String body) {
    return webhooks().meta("messenger", MESSENGER_SECRET, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void metaIdsOfTheWrongTypeOrSizeAreRefusedNotCoerced() {
    Map<String, String> refused = new LinkedHashMap<>();
    refused.put("sender.id 0", metaEvent("0", "m_limits_1", "oi"));
    refused.put("sender.id true", metaEvent("true", "m_limits_2", "oi"));
    refused.put("sender.id {}", metaEvent("{}", "m_limits_3", "oi"));
    refused.put("sender.id empty", metaEvent("\"\"", "m_limits_4", "oi"));
    refused.put("sender.id not digits", metaEvent("\"PSID-7\"", "m_limits_7", "oi"));
    refused.put(
        "a 5,000-character sender.id",
        metaEvent("\"" + "1".repeat(5000) + "\"", "m_limits_5", "oi"));
    refused.put(
        "a 5,000-character mid", metaEvent("\"900000000000023\"", "m_" + "x".repeat(4998), "oi"));
    refused.put("a mid with a line feed", metaEvent("\"900000000000023\"", "m_limits\\n6", "oi"));

    refused.forEach(
        (what, body) -> assertThat(signedMessenger(body).statusCode()).as(what).isEqualTo(400));
    assertThat(processed("m_limits")).isZero();
    assertThat(processed("m_xxxx")).isZero();
  }

  @Test
  void aMetaRequestIsBoundedInEventsAndNesting() {
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < 1001; i++) {
      events
          .append(i == 0 ? "" : ",")
          .append(
              "{\"sender\":{\"id\":\"900000000000024\"},\"recipient\":{\"id\":\"%s\"},\"timestamp\":1700000000000,\"read\":{\"watermark\":%d}}"
                  .formatted(PAGE_ID, 1700000000000L + i));
    }
    String tooMany =
        "{\"object\":\"page\",\"entry\":[{\"id\":\"%s\",\"time\":1700000000000,\"messaging\":[%s]}]}"
            .formatted(PAGE_ID, events);
    String deep =
        "{\"object\":\"page\",\"entry\":[{\"id\":\"%s\",\"messaging\":[],\"x\":%s1%s}]}"
            .formatted(PAGE_ID, "[".repeat(200), "]".repeat(200));

    assertThat(signedMessenger(tooMany).statusCode()).as("1,001 events").isEqualTo(400);
    assertThat(signedMessenger(deep).statusCode()).as("200 levels of nesting").isEqualTo(400);
  }

  @Test
  void metaTextSqsCannotCarryIsCleanedAndAnswered() {
    String psid = "900000000000025";

    HttpResponse<String> answer =
        signedMessenger(metaEvent("\"" + psid + "\"", "m_clean_1", "o\\u0000i\\uffff\\ud800!"));

    assertThat(answer.statusCode()).isEqualTo(200);
    await()
        .atMost(WAIT)
        .until(
            () ->
                !platforms
                    .metaSentTo(
                        com.posmodern.omnichannel.support.PlatformStubs.MESSENGER_SEND, psid)
                    .isEmpty());
    assertThat(inboundText("messenger:" + PAGE_ID + ":" + psid)).isEqualTo("oi\uFFFD\uFFFD!");
    assertThat(List.of(processed("m_clean_1"))).containsExactly(1L);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
