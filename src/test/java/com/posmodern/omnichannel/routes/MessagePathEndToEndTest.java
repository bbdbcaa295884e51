package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import com.posmodern.omnichannel.support.Fixtures;
import com.posmodern.omnichannel.support.PlatformStubs;
import com.posmodern.omnichannel.support.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;

/** Signed webhook → canonical message → SQS FIFO → chatbot → the platform API, for each channel. */
class MessagePathEndToEndTest extends EndToEndTestSupport {

  private static final Duration REPLY_WAIT = Duration.ofSeconds(20);

  @Test
  void whatsAppMessageIsAnsweredThroughTwiliosMessagesApi() {
    String phone = "+5511900000001";

    HttpResponse<String> ack =
        webhooks().whatsApp(TWILIO_TOKEN, "SM00000000000000000000000000000001", phone, "oi");

    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(ack.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
    assertThat(ack.body()).contains("<Response>");
    await().atMost(REPLY_WAIT).until(() -> platforms.whatsAppSentTo(phone).size() == 2);
    LoggedRequest first =
        platforms.requests(PlatformStubs.TWILIO_MESSAGES).stream()
            .filter(r -> PlatformStubs.form(r).get("To").equals("whatsapp:" + phone))
            .findFirst()
            .orElseThrow();
    assertThat(first.getHeader("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("ACtest:" + TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8)));
    assertThat(first.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    List<Map<String, String>> sent = platforms.whatsAppSentTo(phone);
    assertThat(sent.get(0)).containsEntry("From", "whatsapp:+14155238886").containsKey("Body");
    assertThat(sent.get(0).get("Body"))
        .isEqualTo("Olá, Maria! 👋 Bem-vindo(a) à Cantina Sabor da Vila.");
    assertThat(sent.get(1).get("Body"))
        .startsWith("O que você gostaria de ver no cardápio?\n1. Pizzas\n2. Lanches");
  }

  @Test
  void messengerMessageIsAnsweredThroughTheSendApi() {
    byte[] body = Webhooks.metaText("page", PAGE_ID, "900000000000034", "m_e2e_1", "Olá!");

    HttpResponse<String> ack = webhooks().meta("messenger", MESSENGER_SECRET, body);

    assertThat(ack.statusCode()).isEqualTo(200);
    await()
        .atMost(REPLY_WAIT)
        .until(
            () ->
                platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000034").size() == 2);
    LoggedRequest request =
        platforms.requests(PlatformStubs.MESSENGER_SEND).stream()
            .filter(
                r ->
                    PlatformStubs.json(r)
                        .path("recipient")
                        .path("id")
                        .asText()
                        .equals("900000000000034"))
            .findFirst()
            .orElseThrow();
    assertThat(request.queryParameter("access_token").firstValue()).isEqualTo(MESSENGER_TOKEN);
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    List<JsonNode> sent = platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000034");
    assertThat(sent.get(0).path("messaging_type").asText()).isEqualTo("RESPONSE");
    assertThat(sent.get(0).path("message").path("text").asText()).contains("Cantina Sabor da Vila");
    JsonNode quickReplies = sent.get(1).path("message").path("quick_replies");
    assertThat(quickReplies).hasSize(5);
    assertThat(quickReplies.get(0).path("content_type").asText()).isEqualTo("text");
    assertThat(quickReplies.get(0).path("payload").asText()).isEqualTo("CATEGORY:pizzas");
  }

  @Test
  void instagramMessageIsAnsweredThroughTheInstagramMessagingApi() {
    HttpResponse<String> ack =
        webhooks().meta("instagram", INSTAGRAM_SECRET, Fixtures.bytes("instagram/dm.json"));

    assertThat(ack.statusCode()).isEqualTo(200);
    await()
        .atMost(REPLY_WAIT)
        .until(
            () ->
                platforms.metaSentTo(PlatformStubs.INSTAGRAM_SEND, "900000000000006").size() == 3);
    LoggedRequest request =
        platforms.requests(PlatformStubs.INSTAGRAM_SEND).stream()
            .filter(
                r ->
                    PlatformStubs.json(r)
                        .path("recipient")
                        .path("id")
                        .asText()
                        .equals("900000000000006"))
            .findFirst()
            .orElseThrow();
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + INSTAGRAM_TOKEN);
    assertThat(request.queryParameter("access_token").isPresent()).isFalse();
    assertThat(PlatformStubs.json(request).has("messaging_type")).isFalse();
  }

  @Test
  void choosingACategoryShowsItsItemsAsACarouselWithPricesInReais() {
    webhooks()
        .meta(
            "messenger",
            MESSENGER_SECRET,
            Webhooks.metaText("page", PAGE_ID, "900000000000035", "m_cat_1", "oi"));
    await()
        .atMost(REPLY_WAIT)
        .until(
            () ->
                platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000035").size() == 2);

    // "1" picks the first option offered (Pizzas), as on a channel without buttons.
    webhooks()
        .meta(
            "messenger",
            MESSENGER_SECRET,
            Webhooks.metaText("page", PAGE_ID, "900000000000035", "m_cat_2", "1"));

    await()
        .atMost(REPLY_WAIT)
        .until(
            () ->
                platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000035").size() == 4);
    List<JsonNode> sent = platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000035");
    assertThat(sent.get(2).path("message").path("text").asText()).startsWith("Pizzas — ");
    JsonNode carousel = sent.get(3).path("message");
    JsonNode first = carousel.path("attachment").path("payload").path("elements").get(0);
    assertThat(carousel.path("attachment").path("payload").path("template_type").asText())
        .isEqualTo("generic");
    assertThat(first.path("title").asText()).isEqualTo("Pizza de Calabresa");
    // The subtitle does not repeat the title.
    assertThat(first.path("subtitle").asText())
        .startsWith("a partir de R$ 44,90 · Calabresa fatiada")
        .doesNotContain("Pizza de Calabresa");
    assertThat(first.path("buttons").get(0).path("payload").asText())
        .isEqualTo("ITEM:pizza-calabresa");
    assertThat(carousel.path("quick_replies").get(0).path("payload").asText()).isEqualTo("MENU");
  }

  @Test
  void aFirstMessageNamingACategoryIsWelcomedThenAnswered() {
    String phone = "+5511900000003";

    webhooks().whatsApp(TWILIO_TOKEN, "SM00000000000000000000000000000003", phone, "Bebidas");

    await().atMost(REPLY_WAIT).until(() -> platforms.whatsAppSentTo(phone).size() == 3);
    List<Map<String, String>> sent = platforms.whatsAppSentTo(phone);
    assertThat(sent.get(0).get("Body")).startsWith("Olá, Maria!");
    assertThat(sent.get(1).get("Body"))
        .startsWith("Bebidas — ")
        .contains("Guaraná Antarctica — R$ 6,50");
    assertThat(sent.get(2).get("Body"))
        .isEqualTo(
            "Qual você quer pedir?\n1. Coca-Cola\n2. Guaraná Antarctica\n3. Suco de Laranja\n4. Outras categorias");
  }

  @Test
  void aMetaBatchIsAnsweredOncePerCustomerMessageAndNeverForEchoesDeliveriesOrReads() {
    String batch =
        Fixtures.text("messenger/batch.json")
            .replace("900000000000007", PAGE_ID)
            .replace("MID-", "MID-BATCH-");

    HttpResponse<String> ack =
        webhooks().meta("messenger", MESSENGER_SECRET, batch.getBytes(StandardCharsets.UTF_8));

    assertThat(ack.statusCode()).isEqualTo(200);
    // PSID-A: "oi" (greeting + categories) then the bebidas quick reply (listing + other
    // categories);
    // PSID-B: the MENU postback (greeting + categories: a new conversation); its echo, delivery,
    // read and unknown event get nothing.
    await()
        .atMost(REPLY_WAIT)
        .until(
            () ->
                platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000008").size() == 4);
    await()
        .atMost(REPLY_WAIT)
        .until(
            () ->
                platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000009").size() == 2);
    assertThat(
            platforms
                .metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000008")
                .get(2)
                .path("message")
                .path("text")
                .asText())
        .startsWith("Bebidas");
    // One more message from PSID-B: anything queued before it for PSID-B would have been answered
    // first.
    webhooks()
        .meta(
            "messenger",
            MESSENGER_SECRET,
            Webhooks.metaText("page", PAGE_ID, "900000000000009", "MID-BATCH-B2", "menu"));
    await()
        .atMost(REPLY_WAIT)
        .until(
            () ->
                platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000009").size() >= 3);
    assertThat(platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000009")).hasSize(3);
    assertThat(
            jdbc.sql(
                    "select count(*) from processed_message where message_id like 'MID-BATCH-%' or conversation_id = ?")
                .param("messenger:" + PAGE_ID + ":900000000000009")
                .query(Long.class)
                .single())
        .as(
            "the messages, the echo and the unknown event are claimed once; the delivery and the read"
                + " report only move the outbox on (idempotent) and are not recorded as processed")
        .isEqualTo(6);
  }

  @Test
  void accentedTextEscapedTheWayMetaSendsItVerifies() {
    byte[] body =
        Webhooks.metaText(
            "page", PAGE_ID, "900000000000036", "m_accent", "Olá, coração! Cardápio? 🍕");

    assertThat(new String(body, StandardCharsets.US_ASCII)).contains("\\u00e1").contains("\\ud83c");
    assertThat(webhooks().meta("messenger", MESSENGER_SECRET, body).statusCode()).isEqualTo(200);
  }

  @Test
  void theSubscriptionHandshakeEchoesTheChallengeOnlyForTheRightToken() {
    HttpResponse<String> messenger = webhooks().verify("messenger", MESSENGER_VERIFY, "1158201444");
    HttpResponse<String> instagram = webhooks().verify("instagram", INSTAGRAM_VERIFY, "987654");

    assertThat(messenger.statusCode()).isEqualTo(200);
    assertThat(messenger.body()).isEqualTo("1158201444");
    assertThat(instagram.statusCode()).isEqualTo(200);
    assertThat(instagram.body()).isEqualTo("987654");
    assertThat(webhooks().verify("messenger", "wrong-token", "1158201444").statusCode())
        .isEqualTo(403);
    assertThat(webhooks().verify("instagram", MESSENGER_VERIFY, "1").statusCode()).isEqualTo(403);
  }

  @Test
  void forgedOrUnsignedRequestsAreRefusedWith403AndNothingIsEnqueued() {
    NotifyBuilder enqueued =
        new NotifyBuilder(camel).fromRoute("enqueue-canonical").whenDone(1).create();
    byte[] body = Webhooks.metaText("page", PAGE_ID, "900000000000037", "m_forged", "oi");
    byte[] tampered =
        new String(body, StandardCharsets.US_ASCII)
            .replace("oi", "ok")
            .getBytes(StandardCharsets.US_ASCII);
    Map<String, String> form =
        Map.of(
            "MessageSid",
            "SM0000000000000000000000000000forg",
            "From",
            "whatsapp:+5511900000099",
            "To",
            "whatsapp:+14155238886",
            "Body",
            "oi");
    String url = "http://localhost:" + port + "/webhooks/whatsapp";

    List<Integer> statuses =
        List.of(
            webhooks()
                .metaWithHeader(
                    "messenger",
                    tampered,
                    com.posmodern.omnichannel.channel.meta.MetaSignature.sign(
                        MESSENGER_SECRET, body))
                .statusCode(),
            webhooks().meta("messenger", "wrong-secret", body).statusCode(),
            webhooks().metaWithHeader("messenger", body, null).statusCode(),
            webhooks()
                .meta("instagram", MESSENGER_SECRET, Fixtures.bytes("instagram/dm.json"))
                .statusCode(),
            webhooks()
                .whatsAppForm(form, Webhooks.twilioSignature("wrong-token", url, form))
                .statusCode(),
            webhooks().whatsAppForm(form, null).statusCode());

    assertThat(statuses).containsOnly(403);
    // The webhook route enqueues before it answers: had anything been enqueued, it would be done by
    // now.
    assertThat(enqueued.matches()).isFalse();
  }

  @Test
  void malformedBodiesAre400AndOversizedBodies413() {
    NotifyBuilder enqueued =
        new NotifyBuilder(camel).fromRoute("enqueue-canonical").whenDone(1).create();
    byte[] notJson = "this is not json".getBytes(StandardCharsets.UTF_8);
    byte[] huge =
        ("{\"object\":\"page\",\"entry\":[],\"pad\":\"" + "x".repeat(300 * 1024) + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(webhooks().meta("messenger", MESSENGER_SECRET, notJson).statusCode()).isEqualTo(400);
    assertThat(webhooks().meta("messenger", MESSENGER_SECRET, huge).statusCode()).isEqualTo(413);
    assertThat(enqueued.matches()).isFalse();
  }
}
