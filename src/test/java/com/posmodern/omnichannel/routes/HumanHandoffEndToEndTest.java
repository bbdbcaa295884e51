package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.MessageKind;
import com.posmodern.omnichannel.canonical.Sender;
import com.posmodern.omnichannel.platform.sqs.FifoQueueWriter;
import com.posmodern.omnichannel.platform.sqs.InboundQueue;
import com.posmodern.omnichannel.platform.sqs.InboundShards;
import com.posmodern.omnichannel.support.Customer;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import com.posmodern.omnichannel.support.PlatformStubs;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A conversation handed to a person: the bot stays silent, the agent API sees and answers it, then
 * hands it back.
 */
class HumanHandoffEndToEndTest extends EndToEndTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired InboundShards inboundShards;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void whileHandedOverTheCustomerReachesThePersonAndTheBotStaysSilent() throws Exception {
    Customer bia = new Customer(port, jdbc, "messenger", "900000000000021", MESSENGER_SECRET);
    String conversation = bia.conversationId(PAGE_ID);
    bia.says("oi");
    assertThat(Customer.text(bia.says("quero falar com atendente")))
        .contains("Chamei um atendente");

    assertThat(bia.says("meu pedido veio errado")).isEmpty();
    assertThat(bia.says("cardápio")).isEmpty();

    JsonNode waiting = JSON.readTree(agent("GET", "/api/agent/conversations", null).body());
    assertThat(waiting.findValuesAsText("conversationId")).contains(conversation);
    JsonNode history =
        JSON.readTree(
            agent("GET", "/api/agent/conversations/" + encode(conversation) + "/messages", null)
                .body());
    assertThat(history.findValuesAsText("text")).contains("meu pedido veio errado", "cardápio");

    HttpResponse<String> reply =
        agent(
            "POST",
            "/api/agent/conversations/" + encode(conversation) + "/replies",
            "{\"text\":\"Oi Bia, aqui é a Carla. Vou resolver já!\"}");
    assertThat(reply.statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000021").stream()
                    .anyMatch(
                        body ->
                            body.path("message")
                                .path("text")
                                .asText()
                                .startsWith("Oi Bia, aqui é a Carla")));
    JsonNode human =
        platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000021").stream()
            .filter(body -> body.path("message").path("text").asText().startsWith("Oi Bia"))
            .findFirst()
            .orElseThrow();
    assertThat(human.path("messaging_type").asText()).isEqualTo("MESSAGE_TAG");
    assertThat(human.path("tag").asText()).isEqualTo("HUMAN_AGENT");
    assertThat(
            platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000021").stream()
                .filter(body -> !body.path("message").path("text").asText().startsWith("Oi Bia"))
                .allMatch(body -> body.path("messaging_type").asText().equals("RESPONSE")))
        .isTrue();

    assertThat(
            agent("POST", "/api/agent/conversations/" + encode(conversation) + "/handback", null)
                .statusCode())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000021").stream()
                    .anyMatch(
                        body -> body.path("message").path("text").asText().startsWith("Voltei!")));
    assertThat(Customer.text(bia.says("cardápio")))
        .contains("O que você gostaria de ver no cardápio?");
    assertThat(
            agent(
                    "POST",
                    "/api/agent/conversations/" + encode(conversation) + "/replies",
                    "{\"text\":\"oi\"}")
                .statusCode())
        .isEqualTo(409);
  }

  @Test
  void theAgentApiRefusesAnonymousCallersAndOtherRoles() throws Exception {
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/agent/conversations"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> asPos =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/agent/conversations"))
                .header("Authorization", basic("pos", POS_PASSWORD))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> posAnonymous =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/pos/order-events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(asPos.statusCode()).isEqualTo(403);
    assertThat(posAnonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void aRedeliveredMessageDoesNotAddTheItemTwice() {
    Customer caio = new Customer(port, jdbc, "messenger", "900000000000022", MESSENGER_SECRET);
    caio.says("oi");
    String conversation = caio.conversationId(PAGE_ID);
    String canonical =
        CanonicalJson.write(
            new com.posmodern.omnichannel.canonical.CanonicalMessage(
                1,
                "m_cart_once",
                Channel.MESSENGER,
                conversation,
                PAGE_ID,
                new Sender("900000000000022", null, null),
                MessageKind.TEXT,
                "um pudim",
                null,
                List.of(),
                null,
                List.of(),
                1L));
    for (String deduplication : List.of("first-delivery", "redelivery-after-the-window")) {
      inboundShards
          .writerFor(conversation)
          .sendAll(
              List.of(
                  new FifoQueueWriter.FifoMessage(
                      conversation,
                      deduplication,
                      canonical,
                      Map.of(
                          InboundQueue.CHANNEL_ATTRIBUTE,
                          "messenger",
                          InboundQueue.CONVERSATION_ATTRIBUTE,
                          conversation))));
    }
    assertThat(Customer.text(caio.says("carrinho")))
        .contains("1x Pudim de Leite — R$ 12,90", "Subtotal: R$ 12,90");
  }

  private HttpResponse<String> agent(String method, String path, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", basic("agent", AGENT_PASSWORD));
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String conversationId) {
    return URLEncoder.encode(conversationId, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
