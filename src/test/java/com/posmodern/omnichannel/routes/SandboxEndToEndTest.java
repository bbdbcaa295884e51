package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.support.Webhooks;
import java.time.Duration;
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
      "management.endpoint.health.show-details=always"
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
                    Webhooks.metaText("page", "PAGE", "PSID-SANDBOX", "m_sandbox", "oi"))
                .statusCode())
        .isEqualTo(200);
    assertThat(
            webhooks
                .meta(
                    "instagram",
                    "dev-instagram-app-secret",
                    Webhooks.metaText("instagram", "IGID", "IGSID-SANDBOX", "m_sandbox_ig", "oi"))
                .statusCode())
        .isEqualTo(200);
    assertThat(webhooks.verify("messenger", "dev-messenger-verify-token", "42").body())
        .isEqualTo("42");

    JsonNode whatsApp = awaitRecorded(webhooks, "whatsapp");
    assertThat(whatsApp.get(0).path("recipient").asText()).isEqualTo("whatsapp:+5511912345678");
    assertThat(whatsApp.get(0).path("path").asText())
        .isEqualTo("/2010-04-01/Accounts/ACsandbox/Messages.json");
    assertThat(whatsApp.get(0).path("body").path("From").asText())
        .isEqualTo("whatsapp:+14155238886");
    assertThat(whatsApp.get(0).path("body").path("Body").asText()).startsWith("Olá, Maria!");

    JsonNode messenger = awaitRecorded(webhooks, "messenger");
    assertThat(messenger.get(0).path("recipient").asText()).isEqualTo("PSID-SANDBOX");
    assertThat(messenger.get(0).path("path").asText()).isEqualTo("/v25.0/me/messages");
    assertThat(messenger.get(0).path("body").path("messaging_type").asText()).isEqualTo("RESPONSE");
    assertThat(messenger.get(1).path("body").path("message").path("quick_replies")).hasSize(5);

    JsonNode instagram = awaitRecorded(webhooks, "instagram");
    assertThat(instagram.get(0).path("recipient").asText()).isEqualTo("IGSID-SANDBOX");
    assertThat(instagram.get(0).path("body").path("recipient").path("id").asText())
        .isEqualTo("IGSID-SANDBOX");

    assertThat(webhooks.get("/sandbox/messages?channel=telegram").statusCode()).isEqualTo(400);
    var health = webhooks.get("/actuator/health");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
  }

  private static JsonNode awaitRecorded(Webhooks webhooks, String channel) throws Exception {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                JSON.readTree(webhooks.get("/sandbox/messages?channel=" + channel).body()).size()
                    >= 2);
    return JSON.readTree(webhooks.get("/sandbox/messages?channel=" + channel).body());
  }
}
