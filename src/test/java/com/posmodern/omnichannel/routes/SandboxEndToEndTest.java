package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.support.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The one-command default, as the README tries it: no credentials, so every channel is sandboxed
 * and its replies are recorded by the app's own stand-in APIs; the documented development secrets
 * sign the webhooks.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:sandbox;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
      "management.endpoint.health.show-details=always",
      "omnichannel.chatbot.burst-window-ms=1500"
    })
class SandboxEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;

  @Test
  void eachChannelsReplyIsRecordedInTheSandboxInThePlatformsOwnFormat() throws Exception {
    Webhooks webhooks = new Webhooks(port);

    assertThat(
            webhooks
                .whatsApp(
                    "dev-twilio-auth-token",
                    "SM0000000000000000000000000000sand",
                    "+5511912345678",
                    "oi")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            webhooks
                .meta(
                    "messenger",
                    "dev-messenger-app-secret",
                    Webhooks.metaText(
                        "page", "900000000000101", "900000000000044", "m_sandbox", "oi"))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            webhooks
                .meta(
                    "instagram",
                    "dev-instagram-app-secret",
                    Webhooks.metaText(
                        "instagram", "900000000000010", "900000000000045", "m_sandbox_ig", "oi"))
                .statusCode())
        .isEqualTo(200);
    assertThat(webhooks.verify("messenger", "dev-messenger-verify-token", "42").body())
        .isEqualTo("42");

    List<JsonNode> whatsApp = awaitRecorded(webhooks, "whatsapp:+5511912345678");
    assertThat(whatsApp.get(0).path("recipient").asText()).isEqualTo("whatsapp:+5511912345678");
    assertThat(whatsApp.get(0).path("path").asText())
        .isEqualTo("/2010-04-01/Accounts/ACsandbox/Messages.json");
    assertThat(whatsApp.get(0).path("body").path("From").asText())
        .isEqualTo("whatsapp:+14155238886");
    assertThat(whatsApp.get(0).path("body").path("Body").asText()).startsWith("Olá, Maria!");

    List<JsonNode> messenger = awaitRecorded(webhooks, "900000000000044");
    assertThat(messenger.get(0).path("recipient").asText()).isEqualTo("900000000000044");
    assertThat(messenger.get(0).path("path").asText()).isEqualTo("/v25.0/me/messages");
    assertThat(messenger.get(0).path("body").path("messaging_type").asText()).isEqualTo("RESPONSE");
    assertThat(messenger.get(1).path("body").path("message").path("quick_replies")).hasSize(5);

    List<JsonNode> instagram = awaitRecorded(webhooks, "900000000000045");
    assertThat(instagram.get(0).path("recipient").asText()).isEqualTo("900000000000045");
    assertThat(instagram.get(0).path("body").path("recipient").path("id").asText())
        .isEqualTo("900000000000045");

    assertThat(webhooks.get("/sandbox/messages?channel=telegram").statusCode()).isEqualTo(400);
    var health = webhooks.get("/actuator/health");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
  }

  @Test
  void aQuickBurstOfMessagesIsAnsweredAsOneTurn() throws Exception {
    Webhooks webhooks = new Webhooks(port);
    String phone = "+5511955551234";
    for (String[] message :
        new String[][] {{"01", "oi"}, {"02", "quero pizza"}, {"03", "grande"}}) {
      assertThat(
              webhooks
                  .whatsApp(
                      "dev-twilio-auth-token",
                      "SM0000000000000000000000000burst" + message[0],
                      phone,
                      message[1])
                  .statusCode())
          .isEqualTo(200);
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> sentTo(webhooks, "whatsapp:" + phone).size() >= 2);
    // One turn: the welcome and one question (which pizza), not three separate answers.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> sentTo(webhooks, "whatsapp:" + phone).size() == 2);
    List<JsonNode> sent = sentTo(webhooks, "whatsapp:" + phone);
    assertThat(sent.get(0).path("body").path("Body").asText()).startsWith("Olá, Maria!");
    assertThat(sent.get(1).path("body").path("Body").asText())
        .startsWith("Qual delas você quer?\n1. Pizza de Calabresa");
  }

  @Test
  void burstsOfSeveralConversationsDueTogetherAreEachAnsweredOnceInOrder() throws Exception {
    Webhooks webhooks = new Webhooks(port);
    List<String> phones =
        List.of(
            "+5511955560001",
            "+5511955560002",
            "+5511955560003",
            "+5511955560004",
            "+5511955560005",
            "+5511955560006");
    for (String[] message : new String[][] {{"1", "oi"}, {"2", "quero pizza"}, {"3", "grande"}}) {
      for (String phone : phones) {
        assertThat(
                webhooks
                    .whatsApp(
                        "dev-twilio-auth-token",
                        "SM00000000000000000000000par" + phone.substring(9) + message[0],
                        phone,
                        message[1])
                    .statusCode())
            .isEqualTo(200);
      }
    }

    // The six bursts fall due in the same poll and are answered in parallel: each still once, as
    // one turn, its two replies in order.
    await().atMost(Duration.ofSeconds(20)).until(() -> repliesToEach(webhooks, phones, 2, false));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> repliesToEach(webhooks, phones, 2, true));
    for (String phone : phones) {
      List<JsonNode> sent = sentTo(webhooks, "whatsapp:" + phone);
      assertThat(sent.get(0).path("body").path("Body").asText()).startsWith("Olá, Maria!");
      assertThat(sent.get(1).path("body").path("Body").asText())
          .startsWith("Qual delas você quer?\n1. Pizza de Calabresa");
    }
  }

  /** Whether each of these WhatsApp customers got at least (or exactly) this many replies. */
  private static boolean repliesToEach(
      Webhooks webhooks, List<String> phones, int count, boolean exactly) throws Exception {
    for (String phone : phones) {
      int sent = sentTo(webhooks, "whatsapp:" + phone).size();
      if (exactly ? sent != count : sent < count) {
        return false;
      }
    }
    return true;
  }

  @Test
  void threeMessagesInARowNotUnderstoodCallAPerson() throws Exception {
    Webhooks webhooks = new Webhooks(port);
    // Replies so far after each message: welcome + "não entendi" + options, then "não entendi" +
    // options, then the
    // hand-over.
    int[] expected = {3, 5, 6};
    for (int i = 0; i < expected.length; i++) {
      webhooks.meta(
          "messenger",
          "dev-messenger-app-secret",
          Webhooks.metaText(
              "page", "900000000000101", "900000000000046", "m_confused_" + i, "xyzzy " + i));
      int total = expected[i];
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> sentTo(webhooks, "900000000000046").size() >= total);
    }
    List<JsonNode> sent = sentTo(webhooks, "900000000000046");
    assertThat(sent.get(sent.size() - 1).path("body").path("message").path("text").asText())
        .contains("Chamei um atendente");
    webhooks.meta(
        "messenger",
        "dev-messenger-app-secret",
        Webhooks.metaText("page", "900000000000101", "900000000000046", "m_confused_4", "alô?"));
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> sentTo(webhooks, "900000000000046").size() == sent.size());
  }

  @Test
  void theSimulatorSignsTheCustomersMessageAndStreamsTheRepliesResumably() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String customer = "900000000000047";
    HttpResponse<String> sent =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/simulator/api/messages"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"channel\":\"messenger\",\"kind\":\"TEXT\",\"customerId\":\""
                            + customer
                            + "\",\"text\":\"oi\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    assertThat(JSON.readTree(sent.body()).path("conversationId").asText())
        .isEqualTo("messenger:900000000000001:" + customer);

    // The welcome and the menu, in order, each once, then "ready" (everything recorded so far).
    List<ServerSentEvent> first = stream(http, customer, null, 3);
    List<ServerSentEvent> replies = first.stream().filter(e -> e.name().equals("reply")).toList();
    assertThat(replies).hasSize(2);
    assertThat(Long.parseLong(replies.get(1).id()))
        .isGreaterThan(Long.parseLong(replies.get(0).id()));
    assertThat(JSON.readTree(replies.get(0).data()).path("recipient").asText()).isEqualTo(customer);
    assertThat(
            JSON.readTree(replies.get(1).data()).path("body").path("message").path("quick_replies"))
        .hasSize(5);
    assertThat(first.stream().map(ServerSentEvent::name)).contains("ready");

    // A reconnection with Last-Event-ID gets only what came after that event.
    List<ServerSentEvent> resumed = stream(http, customer, replies.get(0).id(), 2);
    assertThat(resumed.get(0).name()).isEqualTo("reply");
    assertThat(resumed.get(0).id()).isEqualTo(replies.get(1).id());
    assertThat(resumed.get(1).name()).isEqualTo("ready");

    // Not a Messenger id, not a channel: refused with the reason.
    HttpResponse<String> refused =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + port
                            + "/simulator/api/stream?channel=messenger&customer=maria"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("numeric");
  }

  /** One server-sent event. */
  record ServerSentEvent(String id, String name, String data) {}

  /**
   * Opens the simulator's stream for a customer and reads {@code count} events (waiting until the
   * replies are there), then closes it.
   */
  private List<ServerSentEvent> stream(
      HttpClient http, String customer, String lastEventId, int count) throws Exception {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> readEvents(http, customer, lastEventId, count),
            events ->
                events.size() == count
                    && events.stream().filter(e -> e.name().equals("reply")).count() == count - 1);
  }

  private List<ServerSentEvent> readEvents(
      HttpClient http, String customer, String lastEventId, int count) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + port
                        + "/simulator/api/stream?channel=messenger&customer="
                        + customer))
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<java.io.InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    List<ServerSentEvent> events = new java.util.ArrayList<>();
    try (java.io.BufferedReader lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                response.body(), java.nio.charset.StandardCharsets.UTF_8))) {
      String id = null;
      String name = null;
      StringBuilder data = new StringBuilder();
      String line;
      while (events.size() < count && (line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          if (name != null) {
            events.add(new ServerSentEvent(id, name, data.toString()));
            if (name.equals("ready")) {
              break;
            }
          }
          id = null;
          name = null;
          data.setLength(0);
        } else if (line.startsWith("id:")) {
          id = line.substring(3);
        } else if (line.startsWith("event:")) {
          name = line.substring(6);
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5));
        }
      }
    }
    return events;
  }

  private static List<JsonNode> sentTo(Webhooks webhooks, String recipient) throws Exception {
    List<JsonNode> found = new java.util.ArrayList<>();
    JSON.readTree(webhooks.get("/sandbox/messages").body())
        .forEach(
            entry -> {
              if (entry.path("recipient").asText().equals(recipient)) {
                found.add(entry);
              }
            });
    return found;
  }

  private static List<JsonNode> awaitRecorded(Webhooks webhooks, String recipient)
      throws Exception {
    await().atMost(Duration.ofSeconds(20)).until(() -> sentTo(webhooks, recipient).size() >= 2);
    return sentTo(webhooks, recipient);
  }
}
