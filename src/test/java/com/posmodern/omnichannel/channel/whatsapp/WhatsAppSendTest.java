package com.posmodern.omnichannel.channel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.ImagePart;
import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.SendDecision;
import com.posmodern.omnichannel.canonical.reply.SendOutcome;
import com.posmodern.omnichannel.canonical.reply.TemplatePart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import com.posmodern.omnichannel.routes.ShippedRoutes;
import com.posmodern.omnichannel.support.PlatformStubs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.camel.Body;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * Golden tests of what the shipped whatsapp-reply route posts to Twilio's Messages API with the
 * real WhatsApp edge bean, over real HTTP to a stub: the form each reply kind becomes (compared
 * with Twilio's documented parameters: {@code To}, {@code From}, {@code Body}, {@code MediaUrl},
 * {@code ContentSid}, {@code ContentVariables}, {@code StatusCallback}), and Twilio's refusals
 * recognised by their error codes.
 */
class WhatsAppSendTest {

  private static final String ACCOUNT = "ACgolden";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  private static final String CUSTOMER = "whatsapp:+5511988887777";
  private static final WireMockServer twilio = new WireMockServer(options().dynamicPort());

  @BeforeAll
  static void start() {
    twilio.start();
  }

  @AfterAll
  static void stop() {
    twilio.stop();
  }

  @BeforeEach
  void acceptEverything() {
    twilio.resetAll();
    twilio.stubFor(
        post(urlPathEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"status\":\"queued\"}")));
  }

  @Test
  void textIsToFromBodyAndAStatusCallbackAsInTwiliosSendExample() {
    // https://www.twilio.com/docs/whatsapp/api#send-a-whatsapp-message: To, From (both whatsapp:),
    // Body.
    SendOutcome outcome = send(withoutContent(), new TextPart("Olá! Seu pedido chegou?"));

    assertThat(outcome).isEqualTo(SendOutcome.sent("SM0123456789abcdef0123456789abcdef"));
    assertThat(sentForms())
        .containsExactly(
            Map.of(
                "To", CUSTOMER,
                "From", "whatsapp:+14155238886",
                "Body", "Olá! Seu pedido chegou?",
                "StatusCallback", "https://restaurante.example/webhooks/whatsapp/status"));
  }

  @Test
  void aTextOverTheLimitGoesAsSeveralMessagesNoneOver1600Characters() {
    String text = "Pizza de calabresa com cebola. ".repeat(120); // 3,720 characters

    send(withoutContent(), new TextPart(text));

    List<Map<String, String>> forms = sentForms();
    assertThat(forms).hasSize(3);
    assertThat(forms).allSatisfy(f -> assertThat(f.get("Body").length()).isLessThanOrEqualTo(1600));
    assertThat(String.join(" ", forms.stream().map(f -> f.get("Body")).toList()))
        .isEqualToIgnoringWhitespace(text);
  }

  @Test
  void withoutContentTemplatesChoicesAreANumberedList() {
    send(withoutContent(), question(3));

    assertThat(sentForms().get(0))
        .containsEntry(
            "Body", "Como quer receber?\n1. Opção número 1\n2. Opção número 2\n3. Opção número 3")
        .doesNotContainKeys("ContentSid", "ContentVariables");
  }

  @Test
  void upToThreeShortChoicesAreQuickReplyButtonsThroughTheContentApi() {
    send(withContent(), question(2));

    Map<String, String> form = sentForms().get(0);
    // "Remove Body and MediaUrl when you send a content template" (Twilio error 63016).
    assertThat(form).doesNotContainKeys("Body", "MediaUrl");
    assertThat(form).containsEntry("ContentSid", "HXquickreply2");
    assertThat(variables(form))
        .isEqualTo(
            Map.of(
                "1", "Como quer receber?",
                "2", "Opção número 1",
                "3", "OPT:1",
                "4", "Opção número 2",
                "5", "OPT:2"));
  }

  @Test
  void fourToTenChoicesAreAListPickerWithTitlesCutTo24Characters() {
    List<Choice> choices =
        IntStream.rangeClosed(1, 7)
            .mapToObj(n -> new Choice("PIZZA:" + n, "Pizza grande de calabresa especial nº" + n))
            .toList();

    send(withContent(), new ChoicesPart("Qual pizza?", choices));

    Map<String, String> form = sentForms().get(0);
    assertThat(form).containsEntry("ContentSid", "HXlist7").doesNotContainKey("Body");
    Map<String, String> variables = variables(form);
    assertThat(variables).hasSize(1 + 3 * 7).containsEntry("1", "Qual pizza?");
    assertThat(variables.get("2")).isEqualTo("Pizza grande de calabre…").hasSize(24);
    assertThat(variables.get("3")).isEqualTo("PIZZA:1");
    assertThat(variables.get("4")).isEqualTo("Pizza grande de calabresa especial nº1");
  }

  @Test
  void moreChoicesThanAListHoldsFallBackToNumberedTextAndNoneIsLost() {
    send(withContent(), question(12));

    Map<String, String> form = sentForms().get(0);
    assertThat(form).doesNotContainKey("ContentSid");
    assertThat(form.get("Body")).contains("12. Opção número 12");
  }

  @Test
  void anOrderNotificationOutsideTheWindowGoesAsItsApprovedTemplate() {
    String text = "Pedido 42 saiu para entrega.";
    TemplatePart part = new TemplatePart("order_update", List.of("42", text), text);

    send(withContent(), part, new SendDecision(false, true, null, null));
    send(withContent(), part, new SendDecision(false, false, null, null));

    List<Map<String, String>> forms = sentForms();
    assertThat(forms.get(0)).containsEntry("ContentSid", "HXorderupdate").doesNotContainKey("Body");
    assertThat(variables(forms.get(0))).isEqualTo(Map.of("1", "42", "2", text));
    assertThat(forms.get(1))
        .as("inside the window it is plain text")
        .containsEntry("Body", text)
        .doesNotContainKey("ContentSid");
  }

  @Test
  void anImageIsAMediaUrlWithItsCaptionAsBody() {
    send(withoutContent(), new ImagePart("https://cdn.example/pizza.jpg", "Pizza margherita"));

    assertThat(sentForms().get(0))
        .containsEntry("MediaUrl", "https://cdn.example/pizza.jpg")
        .containsEntry("Body", "Pizza margherita");
  }

  @Test
  void twiliosRefusalsAreRecordedWithTheirCodeInWords() {
    for (String[] error :
        List.of(
            new String[] {"63016", "outside the WhatsApp 24-hour window"},
            new String[] {"21617", "1,600-character limit"},
            new String[] {"63021", "WhatsApp rejected the content"})) {
      twilio.resetAll();
      twilio.stubFor(
          post(urlPathEqualTo(MESSAGES))
              .willReturn(
                  aResponse()
                      .withStatus(400)
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"code\":"
                              + error[0]
                              + ",\"message\":\"Twilio says no\",\"more_info\":\"https://www.twilio.com/docs/errors/"
                              + error[0]
                              + "\",\"status\":400}")));

      SendOutcome outcome = send(withoutContent(), new TextPart("Oi"));

      assertThat(outcome.sent()).isFalse();
      assertThat(outcome.errorCode()).isEqualTo(error[0]);
      assertThat(outcome.detail()).contains(error[1]).contains("Twilio says no");
    }
  }

  @Test
  void aTwilio503IsRetriedByTheOutboundPolicyAndTheRetrySent() {
    twilio.resetAll();
    twilio.stubFor(
        post(urlPathEqualTo(MESSAGES))
            .inScenario("busy")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withBody("{\"code\":20503,\"message\":\"Service unavailable\"}"))
            .willSetStateTo("recovered"));
    twilio.stubFor(
        post(urlPathEqualTo(MESSAGES))
            .inScenario("busy")
            .whenScenarioStateIs("recovered")
            .willReturn(aResponse().withStatus(201).withBody("{\"sid\":\"SMretried\"}")));

    SendOutcome outcome = send(withoutContent(), new TextPart("Oi"));

    assertThat(outcome).isEqualTo(SendOutcome.sent("SMretried"));
    assertThat(sentForms()).hasSize(2);
  }

  @Test
  void theRequestIsBasicAuthenticatedWithTheAccountAsTwilioDocuments() {
    send(withoutContent(), new TextPart("Oi"));

    LoggedRequest request = twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).get(0);
    assertThat(request.getHeader("Authorization"))
        .isEqualTo(
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString((ACCOUNT + ":golden-token").getBytes(UTF_8)));
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
  }

  @Test
  void withoutAPublicUrlALiveChannelAsksForNoStatusCallback() {
    WhatsAppIntegration noPublicUrl = integration(properties(Map.of()), null);

    assertThat(noPublicUrl.statusCallbackUrl()).isNull();
  }

  private static ChoicesPart question(int options) {
    return new ChoicesPart(
        "Como quer receber?",
        IntStream.rangeClosed(1, options)
            .mapToObj(n -> new Choice("OPT:" + n, "Opção número " + n))
            .toList());
  }

  private static SendOutcome send(WhatsAppIntegration whatsApp, ReplyPart part) {
    return send(whatsApp, part, new SendDecision(false, false, null, null));
  }

  /** Stands in for the send policy: the decision the test gives. */
  public record FixedPolicy(SendDecision decision) {
    public SendDecision decide(@Body OutboundReply reply) {
      return decision;
    }
  }

  /** Stands in for the outbox: the outcome the route records. */
  public static class RecordingOutbox {
    final List<SendOutcome> recorded = new CopyOnWriteArrayList<>();

    public void record(@Body SendOutcome outcome) {
      recorded.add(outcome);
    }

    public void block(@Body OutboundReply reply) {
      recorded.add(SendOutcome.refused("BLOCKED", "blocked by the send policy"));
    }
  }

  /** One reply through the shipped whatsapp-reply route, with the real edge bean. */
  private static SendOutcome send(
      WhatsAppIntegration whatsApp, ReplyPart part, SendDecision decision) {
    RecordingOutbox outbox = new RecordingOutbox();
    try (DefaultCamelContext camel = ShippedRoutes.load("40-outbound/whatsapp-reply.camel.yaml")) {
      camel.getRegistry().bind("whatsAppIntegration", whatsApp);
      camel.getRegistry().bind("sendPolicy", new FixedPolicy(decision));
      camel.getRegistry().bind("outbox", outbox);
      camel.start();
      camel
          .createProducerTemplate()
          .sendBody(
              "direct:whatsapp-reply",
              new OutboundReply(
                  1, "c", Channel.WHATSAPP, "+14155238886", CUSTOMER, part, false, Instant.now()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    assertThat(outbox.recorded).hasSize(1);
    return outbox.recorded.get(0);
  }

  private static List<Map<String, String>> sentForms() {
    List<LoggedRequest> requests = twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
    return requests.stream().map(PlatformStubs::form).toList();
  }

  private static Map<String, String> variables(Map<String, String> form) {
    JsonNode json = CanonicalJson.read(form.get("ContentVariables"), JsonNode.class);
    return CanonicalJson.mapper().convertValue(json, Map.class);
  }

  private static WhatsAppIntegration withoutContent() {
    return integration(properties(Map.of()), "https://restaurante.example");
  }

  private static WhatsAppIntegration withContent() {
    return integration(
        properties(
            Map.of(
                "quick-reply-1", "HXquickreply1",
                "quick-reply-2", "HXquickreply2",
                "quick-reply-3", "HXquickreply3",
                "list-picker-7", "HXlist7",
                "list-picker-10", "HXlist10",
                "order_update", "HXorderupdate")),
        "https://restaurante.example");
  }

  private static WhatsAppProperties properties(Map<String, String> contentSids) {
    return new WhatsAppProperties(
        ACCOUNT,
        "golden-token",
        "+14155238886",
        twilio.baseUrl(),
        twilio.baseUrl(),
        contentSids,
        true,
        null,
        null);
  }

  private static WhatsAppIntegration integration(WhatsAppProperties properties, String publicUrl) {
    return new WhatsAppIntegration(
        CapabilityTable.load().of(Channel.WHATSAPP),
        properties,
        new WebhookProperties(publicUrl, DataSize.ofKilobytes(256)),
        new SandboxLocation());
  }
}
