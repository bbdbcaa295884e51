package com.posmodern.omnichannel.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.MessageKind;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import com.posmodern.omnichannel.platform.web.WebhookRejectedException;
import com.posmodern.omnichannel.platform.web.WebhookRequest;
import com.posmodern.omnichannel.support.Fixtures;
import com.posmodern.omnichannel.support.Webhooks;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class WhatsAppWebhookTest {

  // Twilio's published example (https://www.twilio.com/docs/usage/security): token 12345, this URL
  // and these
  // parameters are signed L/OH5YylLD5NRKLltdqwSvS0BnU=.
  private static final String DOCS_URL = "https://example.com/myapp.php?foo=1&bar=2";
  private static final String DOCS_BODY =
      "CallSid=CA1234567890ABCDE&Caller=%2B14158675310&Digits=1234&From=%2B14158675310&To=%2B18005551212";
  private static final String DOCS_SIGNATURE = "L/OH5YylLD5NRKLltdqwSvS0BnU=";

  private final WhatsAppIntegration whatsApp = integration("12345");

  @Test
  void acceptsTwiliosPublishedExampleSignature() {
    assertThatCode(() -> whatsApp.verify(request(DOCS_URL, DOCS_BODY, DOCS_SIGNATURE)))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsATamperedParameterAWrongTokenOrAMissingHeader() {
    String tampered = DOCS_BODY.replace("Digits=1234", "Digits=9999");

    assertForbidden(() -> whatsApp.verify(request(DOCS_URL, tampered, DOCS_SIGNATURE)));
    assertForbidden(
        () -> integration("54321").verify(request(DOCS_URL, DOCS_BODY, DOCS_SIGNATURE)));
    assertForbidden(() -> whatsApp.verify(request(DOCS_URL, DOCS_BODY, null)));
  }

  @Test
  void rejectsASignatureMadeForAnotherUrl() {
    // Behind a proxy the app sees another URL than the one Twilio signed: the public base URL must
    // be configured.
    assertForbidden(
        () ->
            whatsApp.verify(
                request("http://internal:8080/myapp.php?foo=1&bar=2", DOCS_BODY, DOCS_SIGNATURE)));
  }

  @Test
  void mapsTwiliosDocumentedWhatsAppMessage() {
    CanonicalMessage message =
        whatsApp
            .toCanonical(
                request("https://x", Fixtures.text("whatsapp/inbound-text.form"), "ignored"))
            .get(0);

    assertThat(message.channel()).isEqualTo(Channel.WHATSAPP);
    assertThat(message.messageId()).isEqualTo("SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
    assertThat(message.kind()).isEqualTo(MessageKind.TEXT);
    assertThat(message.text()).isEqualTo("Ahoy! Let's build something amazing.");
    assertThat(message.sender().id()).isEqualTo("whatsapp:+14017122661");
    assertThat(message.sender().name()).isEqualTo("Perspective Coffee");
    assertThat(message.sender().phone()).isEqualTo("+14017122661");
    assertThat(message.businessId()).isEqualTo("+14155238886");
    assertThat(message.conversationId()).isEqualTo("whatsapp:+14155238886:+14017122661");
  }

  @Test
  void mapsAButtonReplyFromAClickToWhatsAppAd() {
    CanonicalMessage message =
        whatsApp
            .toCanonical(
                request("https://x", Fixtures.text("whatsapp/inbound-button-ctwa.form"), "ignored"))
            .get(0);

    assertThat(message.kind()).isEqualTo(MessageKind.CHOICE);
    assertThat(message.payload()).isEqualTo("CATEGORY:pizzas");
    assertThat(message.sender().name()).isEqualTo("João da Silva");
    assertThat(message.referral().ctwaClid()).startsWith("ARAkLkA8rmlFeiCktEJQ");
    assertThat(message.referral().adId()).isEqualTo("120212345678");
  }

  @Test
  void rejectsAFormWithoutTheRequiredFields() {
    assertThatThrownBy(() -> whatsApp.toCanonical(request("https://x", "Body=oi", "ignored")))
        .isInstanceOf(WebhookRejectedException.class)
        .satisfies(e -> assertThat(((WebhookRejectedException) e).status()).isEqualTo(400));
  }

  @Test
  void behindAProxyTheConfiguredPublicUrlIsTheOneVerified() {
    // Twilio signs the URL set in its console, e.g. a proxy's /api/twilio/whatsapp in front of
    // /webhooks/whatsapp.
    String publicUrl = "https://pedidos.example.com/api/twilio/whatsapp";
    WhatsAppIntegration proxied =
        new WhatsAppIntegration(
            CapabilityTable.load().of(Channel.WHATSAPP),
            new WhatsAppProperties(
                null,
                "12345",
                "+14155238886",
                "https://api.twilio.com",
                "https://content.twilio.com",
                Map.of(),
                true,
                publicUrl,
                null),
            new WebhookProperties(null, DataSize.ofKilobytes(256)),
            new SandboxLocation());
    String body = "Body=oi&From=whatsapp%3A%2B5511999990000";
    Map<String, String> form = Map.of("Body", "oi", "From", "whatsapp:+5511999990000");
    String internal = "http://app.internal:8080/webhooks/whatsapp";

    assertThatCode(
            () ->
                proxied.verify(
                    request(internal, body, Webhooks.twilioSignature("12345", publicUrl, form))))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                proxied.verify(
                    request(internal, body, Webhooks.twilioSignature("12345", internal, form))))
        .isInstanceOf(WebhookRejectedException.class)
        .hasMessageContaining(publicUrl);
  }

  @Test
  void mapsAListPickerChoiceToItsPayload() {
    CanonicalMessage message =
        whatsApp
            .toCanonical(
                request(
                    "https://x",
                    "MessageSid=SM11111111111111111111111111111111&From=whatsapp%3A%2B5511999990000&To=whatsapp%3A%2B14155238886"
                        + "&Body=Pizza+grande&ListId=PIZZA%3A7&ListTitle=Pizza+grande",
                    "ignored"))
            .get(0);

    assertThat(message.kind()).isEqualTo(MessageKind.CHOICE);
    assertThat(message.payload()).isEqualTo("PIZZA:7");
    assertThat(message.text()).isEqualTo("Pizza grande");
  }

  @Test
  void statusCallbacksJoinTheCustomersConversationAndCarryTheErrorCode() {
    // https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks:
    // From is our number, To the customer; failures add ErrorCode.
    String failed =
        "SmsSid=SM9&SmsStatus=undelivered&MessageStatus=undelivered&To=whatsapp%3A%2B5511999990000"
            + "&MessageSid=SM99999999999999999999999999999999&AccountSid=AC1&From=whatsapp%3A%2B14155238886&ApiVersion=2010-04-01"
            + "&ErrorCode=63016";
    CanonicalMessage report = whatsApp.toCanonical(request("https://x", failed, "x")).get(0);

    assertThat(report.kind()).isEqualTo(MessageKind.FAILED);
    assertThat(report.conversationId()).isEqualTo("whatsapp:+14155238886:+5511999990000");
    assertThat(report.relatedMessageIds()).containsExactly("SM99999999999999999999999999999999");
    assertThat(report.payload()).isEqualTo("63016");
    assertThat(report.text()).contains("outside the WhatsApp 24-hour window");
    assertThat(report.messageId()).isEqualTo("SM99999999999999999999999999999999:undelivered");

    for (String[] status :
        new String[][] {{"delivered", "DELIVERY"}, {"read", "READ"}, {"sent", "UNKNOWN"}}) {
      CanonicalMessage next =
          whatsApp
              .toCanonical(
                  request(
                      "https://x",
                      "MessageSid=SM99999999999999999999999999999999&MessageStatus="
                          + status[0]
                          + "&To=whatsapp%3A%2B5511999990000&From=whatsapp%3A%2B14155238886",
                      "x"))
              .get(0);
      assertThat(next.kind().name()).isEqualTo(status[1]);
      assertThat(next.relatedMessageIds()).containsExactly("SM99999999999999999999999999999999");
      assertThat(next.kind().answerable()).isFalse();
    }
  }

  private static WhatsAppIntegration integration(String authToken) {
    return new WhatsAppIntegration(
        CapabilityTable.load().of(Channel.WHATSAPP),
        new WhatsAppProperties(
            null,
            authToken,
            "+14155238886",
            "https://api.twilio.com",
            "https://content.twilio.com",
            Map.of(),
            true,
            null,
            null),
        new WebhookProperties(null, DataSize.ofKilobytes(256)),
        new SandboxLocation());
  }

  private static WebhookRequest request(String url, String body, String signature) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    if (signature != null) {
      headers.put(WhatsAppIntegration.SIGNATURE_HEADER, signature);
    }
    return new WebhookRequest(url, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertForbidden(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(WebhookRejectedException.class)
        .satisfies(e -> assertThat(((WebhookRejectedException) e).status()).isEqualTo(403));
  }
}
