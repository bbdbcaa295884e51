package com.posmodern.omnichannel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.MessageKind;
import com.posmodern.omnichannel.platform.sqs.FifoQueueWriter;
import com.posmodern.omnichannel.platform.sqs.InboundQueue;
import com.posmodern.omnichannel.platform.sqs.InboundShards;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import com.posmodern.omnichannel.support.PlatformStubs;
import com.posmodern.omnichannel.support.Webhooks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Platform retries, SQS redeliveries and failing platform APIs: every customer message answered
 * exactly once.
 */
class DeliveryGuaranteesEndToEndTest extends EndToEndTestSupport {

  private static final Duration REPLY_WAIT = Duration.ofSeconds(20);

  @Autowired InboundShards inboundShards;

  @Test
  void aWebhookDeliveredTwiceIsAnsweredOnce() {
    String phone = "+5511900000201";
    webhooks().whatsApp(TWILIO_TOKEN, "SM00000000000000000000000000000201", phone, "oi");
    webhooks().whatsApp(TWILIO_TOKEN, "SM00000000000000000000000000000201", phone, "oi");

    // A later message of the same conversation: replies come in order, so once its replies are
    // here, any second
    // answer to the duplicate would be here too.
    webhooks().whatsApp(TWILIO_TOKEN, "SM00000000000000000000000000000202", phone, "cardápio");

    await().atMost(REPLY_WAIT).until(() -> platforms.whatsAppSentTo(phone).size() >= 3);
    assertThat(platforms.whatsAppSentTo(phone))
        .extracting(form -> form.get("Body"))
        .hasSize(3)
        .satisfies(bodies -> assertThat(bodies.get(0)).startsWith("Olá, Maria!"))
        .satisfies(
            bodies ->
                assertThat(bodies.get(2)).startsWith("O que você gostaria de ver no cardápio?"));
  }

  @Test
  void aMessageRedeliveredAfterTheDeduplicationWindowChangesNothingTwice() {
    String psid = "900000000000018";
    byte[] body = Webhooks.metaText("page", PAGE_ID, psid, "m_redelivered_1", "oi");
    webhooks().meta("messenger", MESSENGER_SECRET, body);
    await()
        .atMost(REPLY_WAIT)
        .until(() -> platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, psid).size() == 2);

    // SQS deduplicates for five minutes only; after that the same message can come back. Simulate
    // it by sending
    // the same canonical message with another deduplication id, straight onto the queue.
    String conversation = "messenger:" + PAGE_ID + ":" + psid;
    String canonical =
        CanonicalJson.write(
            new com.posmodern.omnichannel.canonical.CanonicalMessage(
                1,
                "m_redelivered_1",
                Channel.MESSENGER,
                conversation,
                PAGE_ID,
                new com.posmodern.omnichannel.canonical.Sender(psid, null, null),
                MessageKind.TEXT,
                "oi",
                null,
                List.of(),
                null,
                List.of(),
                1700000000000L));
    inboundShards
        .writerFor(conversation)
        .sendAll(
            List.of(
                new FifoQueueWriter.FifoMessage(
                    conversation,
                    "redelivery-after-window",
                    canonical,
                    Map.of(
                        InboundQueue.CHANNEL_ATTRIBUTE,
                        "messenger",
                        InboundQueue.CONVERSATION_ATTRIBUTE,
                        conversation))));
    webhooks()
        .meta(
            "messenger",
            MESSENGER_SECRET,
            Webhooks.metaText("page", PAGE_ID, psid, "m_redelivered_2", "bebidas"));

    await()
        .atMost(REPLY_WAIT)
        .until(() -> platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, psid).size() >= 4);
    assertThat(platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, psid))
        .extracting(json -> json.path("message").path("text").asText())
        .hasSize(4)
        .satisfies(texts -> assertThat(texts.get(2)).startsWith("Bebidas"));
  }

  @Test
  void aTransientPlatformFailureIsRetriedAndTheReplyDeliveredOnce() {
    String psid = "900000000000019";
    String scenario = "flaky-" + psid;
    platforms
        .server()
        .stubFor(
            post(urlPathEqualTo(PlatformStubs.MESSENGER_SEND))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid)))
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(
                    aResponse()
                        .withStatus(500)
                        .withBody("{\"error\":{\"message\":\"boom\",\"code\":2}}"))
                .willSetStateTo("throttled"));
    platforms
        .server()
        .stubFor(
            post(urlPathEqualTo(PlatformStubs.MESSENGER_SEND))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid)))
                .inScenario(scenario)
                .whenScenarioStateIs("throttled")
                .willReturn(
                    aResponse()
                        .withStatus(429)
                        .withBody("{\"error\":{\"message\":\"slow down\",\"code\":613}}"))
                .willSetStateTo("healthy"));
    platforms
        .server()
        .stubFor(
            post(urlPathEqualTo(PlatformStubs.MESSENGER_SEND))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid)))
                .inScenario(scenario)
                .whenScenarioStateIs("healthy")
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withBody("{\"recipient_id\":\"" + psid + "\",\"message_id\":\"m_ok\"}")));

    webhooks()
        .meta(
            "messenger",
            MESSENGER_SECRET,
            Webhooks.metaText("page", PAGE_ID, psid, "m_flaky_1", "oi"));

    // 500, 429, then two successful sends (greeting and categories).
    await()
        .atMost(REPLY_WAIT)
        .until(() -> platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, psid).size() == 4);
    await()
        .atMost(REPLY_WAIT)
        .until(() -> statuses("messenger:" + PAGE_ID + ":" + psid).equals(List.of("SENT", "SENT")));
  }

  @Test
  void aPermanentRefusalIsRecordedWithThePlatformsErrorCodeAndNotRetried() {
    String psid = "900000000000020";
    platforms
        .server()
        .stubFor(
            post(urlPathEqualTo(PlatformStubs.MESSENGER_SEND))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid)))
                .willReturn(
                    aResponse()
                        .withStatus(400)
                        .withBody(
                            "{\"error\":{\"message\":\"(#551) This person isn't available right now.\",\"type\":\"OAuthException\",\"code\":551}}")));

    webhooks()
        .meta(
            "messenger",
            MESSENGER_SECRET,
            Webhooks.metaText("page", PAGE_ID, psid, "m_refused_1", "oi"));

    String conversation = "messenger:" + PAGE_ID + ":" + psid;
    await()
        .atMost(REPLY_WAIT)
        .until(() -> statuses(conversation).equals(List.of("FAILED", "FAILED")));
    assertThat(platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, psid)).hasSize(2);
    assertThat(
            jdbc.sql(
                    "select error_code from outbound_message where conversation_id = ? order by id")
                .param(conversation)
                .query(String.class)
                .list())
        .containsOnly("551");
    assertThat(
            jdbc.sql(
                    "select error_detail from outbound_message where conversation_id = ? order by id")
                .param(conversation)
                .query(String.class)
                .list())
        .allSatisfy(detail -> assertThat(detail).contains("isn't available"));
  }

  @Test
  void twiliosRefusalOutsideTheWindowIsRecordedWithItsErrorCode() {
    String phone = "+5511900000263";
    platforms
        .server()
        .stubFor(
            post(urlPathEqualTo(PlatformStubs.TWILIO_MESSAGES))
                .atPriority(1)
                .withRequestBody(
                    com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "To=whatsapp%3A%2B5511900000263"))
                .willReturn(
                    aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"code\":63016,\"message\":\"Failed to send freeform message because you are outside the allowed window.\","
                                + "\"more_info\":\"https://www.twilio.com/docs/errors/63016\",\"status\":400}")));

    webhooks().whatsApp(TWILIO_TOKEN, "SM00000000000000000000000000000263", phone, "oi");

    String conversation = "whatsapp:+14155238886:" + phone;
    await()
        .atMost(REPLY_WAIT)
        .until(() -> statuses(conversation).equals(List.of("FAILED", "FAILED")));
    assertThat(
            jdbc.sql("select error_code from outbound_message where conversation_id = ?")
                .param(conversation)
                .query(String.class)
                .list())
        .containsOnly("63016");
  }

  private List<String> statuses(String conversationId) {
    return jdbc.sql("select status from outbound_message where conversation_id = ? order by id")
        .param(conversationId)
        .query(String.class)
        .list();
  }
}
