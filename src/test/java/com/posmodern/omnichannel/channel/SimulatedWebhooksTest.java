package com.posmodern.omnichannel.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.channel.messenger.MessengerIntegration;
import com.posmodern.omnichannel.channel.messenger.MessengerProperties;
import com.posmodern.omnichannel.channel.meta.GraphApiProperties;
import com.posmodern.omnichannel.channel.meta.MetaSignature;
import com.posmodern.omnichannel.channel.whatsapp.WhatsAppIntegration;
import com.posmodern.omnichannel.channel.whatsapp.WhatsAppProperties;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import com.posmodern.omnichannel.platform.web.WebhookRequest;
import com.twilio.security.RequestValidator;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The simulator's webhooks are what the platforms send: the WhatsApp one passes twilio-java's own
 * {@link RequestValidator} for the URL Twilio would call, the Meta ones pass the
 * X-Hub-Signature-256 check over the raw bytes, with non-ASCII escaped as Meta escapes it; taps
 * carry their payloads where each platform puts them.
 */
class SimulatedWebhooksTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TWILIO_TOKEN = "dev-twilio-auth-token";
  private static final String MESSENGER_SECRET = "dev-messenger-app-secret";

  /** Behind a proxy: Twilio calls the public URL, which the signature covers. */
  private static final WebhookProperties WEBHOOK =
      new WebhookProperties("https://restaurante.example", DataSize.ofKilobytes(256));

  private static WhatsAppIntegration whatsApp() {
    return new WhatsAppIntegration(
        CapabilityTable.load().of(Channel.WHATSAPP),
        new WhatsAppProperties(
            null,
            TWILIO_TOKEN,
            "+14155238886",
            "https://api.twilio.com",
            "https://content.twilio.com",
            Map.of(),
            true,
            null,
            null),
        WEBHOOK,
        new SandboxLocation());
  }

  private static MessengerIntegration messenger() {
    return new MessengerIntegration(
        CapabilityTable.load().of(Channel.MESSENGER),
        new MessengerProperties("900000000000001", null, MESSENGER_SECRET, null, "verify"),
        new GraphApiProperties(
            "https://graph.facebook.com", "https://graph.instagram.com", "v25.0"),
        WEBHOOK,
        new SandboxLocation());
  }

  @Test
  void whatsAppIsATwilioFormPostSignedForTheWebhookUrl() {
    WhatsAppIntegration whatsApp = whatsApp();
    SimulatedWebhook webhook =
        whatsApp.simulate(
            new CustomerAction(
                CustomerAction.Kind.BUTTON, "+5511987654321", "Maria", "PIX", "PAY:PIX"));

    Map<String, String> form = form(new String(webhook.body(), StandardCharsets.UTF_8));
    assertThat(webhook.path()).isEqualTo("/webhooks/whatsapp");
    assertThat(form)
        .containsEntry("From", "whatsapp:+5511987654321")
        .containsEntry("To", "whatsapp:+14155238886")
        .containsEntry("ButtonPayload", "PAY:PIX")
        .containsEntry("ButtonText", "PIX")
        .containsEntry("ProfileName", "Maria")
        .containsEntry("WaId", "5511987654321");
    assertThat(form.get("MessageSid")).matches("SM[0-9a-f]{32}");
    assertThat(
            new RequestValidator(TWILIO_TOKEN)
                .validate(
                    "https://restaurante.example/webhooks/whatsapp",
                    form,
                    webhook.headers().get("X-Twilio-Signature")))
        .isTrue();
    // And the app's own check (the configured public URL, as behind a proxy) takes it.
    ((BasePlatformIntegration) whatsApp)
        .verify(
            new WebhookRequest(
                "https://restaurante.example/webhooks/whatsapp",
                webhook.headers(),
                webhook.body()));
    assertThat(webhook.customer().conversationId())
        .isEqualTo("whatsapp:+14155238886:+5511987654321");
    assertThat(webhook.customer().recipient()).isEqualTo("whatsapp:+5511987654321");
  }

  @Test
  void messengerIsMetasJsonSignedOverTheEscapedBytes() throws Exception {
    MessengerIntegration messenger = messenger();
    SimulatedWebhook typed =
        messenger.simulate(
            new CustomerAction(
                CustomerAction.Kind.TEXT, "900000000000002", null, "Olá, cardápio", null));
    String raw = new String(typed.body(), StandardCharsets.US_ASCII);
    assertThat(raw).contains("Ol\\u00e1, card\\u00e1pio").doesNotContain("á");
    MetaSignature.verify(MESSENGER_SECRET, typed.body(), typed.headers().get(MetaSignature.HEADER));
    JsonNode item = JSON.readTree(typed.body()).path("entry").get(0).path("messaging").get(0);
    assertThat(item.path("sender").path("id").asText()).isEqualTo("900000000000002");
    assertThat(item.path("message").path("text").asText()).isEqualTo("Olá, cardápio");

    JsonNode chip =
        body(
            messenger.simulate(
                new CustomerAction(
                    CustomerAction.Kind.QUICK_REPLY,
                    "900000000000002",
                    null,
                    "Pizzas",
                    "CATEGORY:pizzas")));
    assertThat(chip.path("message").path("quick_reply").path("payload").asText())
        .isEqualTo("CATEGORY:pizzas");
    JsonNode button =
        body(
            messenger.simulate(
                new CustomerAction(
                    CustomerAction.Kind.BUTTON,
                    "900000000000002",
                    null,
                    "Escolher",
                    "ITEM:pizza")));
    assertThat(button.path("postback").path("payload").asText()).isEqualTo("ITEM:pizza");
    assertThat(button.path("postback").path("title").asText()).isEqualTo("Escolher");
  }

  @Test
  void customersThePlatformWouldNotSendAreRefused() {
    assertThatThrownBy(
            () ->
                whatsApp()
                    .simulate(
                        new CustomerAction(
                            CustomerAction.Kind.TEXT, "11987654321", "", "oi", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("E.164");
    assertThatThrownBy(() -> messenger().simulatedCustomer("maria"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new CustomerAction(CustomerAction.Kind.BUTTON, "900000000000002", null, "x", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("payload");
  }

  private static JsonNode body(SimulatedWebhook webhook) throws Exception {
    return JSON.readTree(webhook.body()).path("entry").get(0).path("messaging").get(0);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }
}
