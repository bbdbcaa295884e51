package com.posmodern.omnichannel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.posmodern.omnichannel.platform.sqs.FifoQueueWriter;
import com.posmodern.omnichannel.platform.sqs.InboundQueue;
import com.posmodern.omnichannel.platform.sqs.InboundShards;
import com.posmodern.omnichannel.platform.sqs.QueueMetrics;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import com.posmodern.omnichannel.support.PlatformStubs;
import com.posmodern.omnichannel.support.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A message that keeps failing reaches the inbound dead-letter queue after the configured receives;
 * the operator sees it (queue gauge, API) and replays it once the cause is fixed, or drops it. Runs
 * its own app with a 1-second visibility timeout and two receives before the dead-letter queue.
 */
@DirtiesContext
class DeadLettersEndToEndTest extends EndToEndTestSupport {

  private static final String DLQ = "inbound-dlq.fifo";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void failFast(DynamicPropertyRegistry registry) {
    registry.add("omnichannel.sqs.visibility-timeout", () -> "1s");
    registry.add("omnichannel.sqs.max-receive-count", () -> "2");
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:dead-letters;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
  }

  @Autowired InboundShards inboundShards;
  @Autowired QueueMetrics queueMetrics;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aMessageWhoseRepliesCannotBeSentIsDeadLetteredThenReplayedAndAnsweredOnce()
      throws Exception {
    String psid = "900000000000701";
    String conversation = "messenger:" + PAGE_ID + ":" + psid;
    StubMapping down =
        platforms
            .server()
            .stubFor(
                post(urlPathEqualTo(PlatformStubs.MESSENGER_SEND))
                    .atPriority(1)
                    .withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid)))
                    .willReturn(
                        aResponse()
                            .withStatus(500)
                            .withBody("{\"error\":{\"message\":\"down\",\"code\":2}}")));

    webhooks()
        .meta(
            "messenger",
            MESSENGER_SECRET,
            Webhooks.metaText("page", PAGE_ID, psid, "m_dead_letter_1", "oi"));

    await().atMost(WAIT).until(() -> letterOf("0701") != null);
    assertThat(waiting()).isEqualTo(1);
    JsonNode letter = letterOf("0701");
    assertThat(letter.path("channel").asText()).isEqualTo("messenger");
    assertThat(letter.path("kind").asText()).isEqualTo("TEXT");
    assertThat(letter.path("conversation").asText())
        .isEqualTo("messenger:" + PAGE_ID + ":•••••••••••0701");
    assertThat(letter.path("receiveCount").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(letter.toString()).doesNotContain(psid).doesNotContain("\"oi\"");
    // The listing gave the message back at once: it can be listed again.
    assertThat(letterOf("0701").path("messageId").asText())
        .isEqualTo(letter.path("messageId").asText());

    queueMetrics.refresh();
    assertThat(call("GET", "/actuator/prometheus").body())
        .containsPattern(
            "omnichannel_queue_messages\\{[^}]*queue=\"" + DLQ + "\",state=\"visible\"} 1.0");
    assertThat(statuses(conversation)).containsOnly("PENDING");

    platforms.server().removeStub(down);
    HttpResponse<String> replayed =
        call(
            "POST",
            "/api/operator/dead-letters/"
                + DLQ
                + "/"
                + letter.path("messageId").asText()
                + "/replay");
    assertThat(replayed.statusCode()).isEqualTo(200);

    await().atMost(WAIT).until(() -> statuses(conversation).equals(List.of("SENT", "SENT")));
    assertThat(waiting()).isZero();
    // The state changed once: the greeting was computed on the first receive and only sent now.
    assertThat(
            jdbc.sql("select count(*) from processed_message where conversation_id = ?")
                .param(conversation)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    assertThat(call("GET", "/actuator/prometheus").body())
        .containsPattern(
            "omnichannel_dead_letters_total\\{action=\"replayed\",[^}]*queue=\"" + DLQ + "\"} 1.0");
  }

  @Test
  void anUnreadableMessageIsDeadLetteredAndCanBeDropped() throws Exception {
    String conversation = "messenger:" + PAGE_ID + ":900000000000702";
    inboundShards
        .writerFor(conversation)
        .sendAll(
            List.of(
                new FifoQueueWriter.FifoMessage(
                    conversation,
                    "poison-1",
                    "{not json",
                    Map.of(
                        InboundQueue.CHANNEL_ATTRIBUTE,
                        "messenger",
                        InboundQueue.CONVERSATION_ATTRIBUTE,
                        conversation))));

    await().atMost(WAIT).until(() -> letterOf("0702") != null);
    JsonNode poison = letterOf("0702");
    assertThat(poison.path("kind").asText()).isEqualTo("unreadable");

    String path = "/api/operator/dead-letters/" + DLQ + "/" + poison.path("messageId").asText();
    assertThat(call("DELETE", path).statusCode()).isEqualTo(200);
    assertThat(letterOf("0702")).isNull();
    assertThat(call("DELETE", path).statusCode()).isEqualTo(404);
    assertThat(call("POST", path + "/replay").statusCode()).isEqualTo(404);
    assertThat(call("GET", "/api/operator/dead-letters/no-such-dlq.fifo").statusCode())
        .isEqualTo(404);
  }

  /** The dead letter of the conversation whose customer id ends so (the listing masks the rest). */
  private JsonNode letterOf(String lastDigits) throws Exception {
    return letters().stream()
        .filter(letter -> letter.path("conversation").asText().endsWith(lastDigits))
        .findFirst()
        .orElse(null);
  }

  private long waiting() throws Exception {
    for (JsonNode queue : JSON.readTree(call("GET", "/api/operator/dead-letters").body())) {
      if (queue.path("queue").asText().equals(DLQ)) {
        return queue.path("waiting").asLong() + queue.path("inFlight").asLong();
      }
    }
    throw new AssertionError("no " + DLQ + " in the operator API");
  }

  private List<JsonNode> letters() throws Exception {
    HttpResponse<String> answer = call("GET", "/api/operator/dead-letters/" + DLQ);
    assertThat(answer.statusCode()).isEqualTo(200);
    List<JsonNode> letters = new ArrayList<>();
    JSON.readTree(answer.body()).forEach(letters::add);
    return letters;
  }

  private List<String> statuses(String conversationId) {
    return jdbc.sql("select status from outbound_message where conversation_id = ? order by id")
        .param(conversationId)
        .query(String.class)
        .list();
  }

  private HttpResponse<String> call(String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            ("operator:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
