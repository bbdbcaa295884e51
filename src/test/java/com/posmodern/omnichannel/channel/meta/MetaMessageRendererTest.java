package com.posmodern.omnichannel.channel.meta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.reply.Card;
import com.posmodern.omnichannel.canonical.reply.CardsPart;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.ImagePart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Golden tests: each reply kind as Messenger and Instagram receive it, compared with the request
 * bodies in Meta's documentation (placeholders and sample values replaced by ours).
 */
class MetaMessageRendererTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ChannelCapabilities MESSENGER = CapabilityTable.load().of(Channel.MESSENGER);
  private static final ChannelCapabilities INSTAGRAM = CapabilityTable.load().of(Channel.INSTAGRAM);

  private final MetaMessageRenderer messenger = new MetaMessageRenderer(MESSENGER, true);
  private final MetaMessageRenderer instagram = new MetaMessageRenderer(INSTAGRAM, false);

  @Test
  void text() throws Exception {
    // https://developers.facebook.com/docs/messenger-platform/reference/send-api
    assertGolden(
        messenger.render("900000000000005", new TextPart("hello, world")),
        "{\"recipient\":{\"id\":\"900000000000005\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"hello, world\"}}");
    // https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api
    assertGolden(
        instagram.render("900000000000006", new TextPart("hello, world")),
        "{\"recipient\":{\"id\":\"900000000000006\"},\"message\":{\"text\":\"hello, world\"}}");
  }

  @Test
  void quickReplies() throws Exception {
    ChoicesPart colors =
        new ChoicesPart(
            "Pick a color:",
            List.of(
                new Choice("RED", "Red"),
                new Choice("GREEN", "Green"),
                new Choice("BLUE", "Blue"),
                new Choice("YELLOW", "Yellow")));
    // https://developers.facebook.com/docs/messenger-platform/send-messages/quick-replies/ (without
    // image_url)
    assertGolden(
        messenger.render("900000000000005", colors),
        "{\"recipient\":{\"id\":\"900000000000005\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"Pick a color:\","
            + "\"quick_replies\":["
            + quick("Red", "RED")
            + ","
            + quick("Green", "GREEN")
            + ","
            + quick("Blue", "BLUE")
            + ","
            + quick("Yellow", "YELLOW")
            + "]}}");
    // Instagram has no button template: a few options are quick replies there too.
    assertGolden(
        instagram.render(
            "900000000000006",
            new ChoicesPart(
                "Entrega ou retirada?",
                List.of(
                    new Choice("DELIVERY", "Entrega"), new Choice("PICKUP", "Retirar no balcão")))),
        "{\"recipient\":{\"id\":\"900000000000006\"},\"message\":{\"text\":\"Entrega ou retirada?\",\"quick_replies\":["
            + quick("Entrega", "DELIVERY")
            + ","
            + quick("Retirar no balcão", "PICKUP")
            + "]}}");
  }

  @Test
  void buttonTemplateForUpToThreeChoicesOnMessenger() throws Exception {
    // https://developers.facebook.com/docs/messenger-platform/send-messages/template/button
    // (postback buttons)
    assertGolden(
        messenger.render(
            "900000000000005",
            new ChoicesPart(
                "What do you want to do next?",
                List.of(new Choice("START", "Start Chatting"), new Choice("HELP", "Get help")))),
        "{\"recipient\":{\"id\":\"900000000000005\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"attachment\":{\"type\":\"template\","
            + "\"payload\":{\"template_type\":\"button\",\"text\":\"What do you want to do next?\",\"buttons\":["
            + "{\"type\":\"postback\",\"title\":\"Start Chatting\",\"payload\":\"START\"},"
            + "{\"type\":\"postback\",\"title\":\"Get help\",\"payload\":\"HELP\"}]}}}}");
  }

  @Test
  void genericTemplate() throws Exception {
    CardsPart cards =
        new CardsPart(
            List.of(
                new Card(
                    "Welcome!",
                    "We have the right hat for everyone.",
                    "https://petersfancybrownhats.com/company_image.png",
                    List.of(new Choice("DEVELOPER_DEFINED_PAYLOAD", "Start Chatting")))),
            List.of());
    String expected =
        "\"message\":{\"attachment\":{\"type\":\"template\",\"payload\":{\"template_type\":\"generic\","
            + "\"elements\":[{\"title\":\"Welcome!\",\"image_url\":\"https://petersfancybrownhats.com/company_image.png\","
            + "\"subtitle\":\"We have the right hat for everyone.\",\"buttons\":[{\"type\":\"postback\",\"title\":\"Start Chatting\","
            + "\"payload\":\"DEVELOPER_DEFINED_PAYLOAD\"}]}]}}}}";
    // https://developers.facebook.com/docs/messenger-platform/send-messages/template/generic
    // (postback button only)
    assertGolden(
        messenger.render("900000000000005", cards),
        "{\"recipient\":{\"id\":\"900000000000005\"},\"messaging_type\":\"RESPONSE\"," + expected);
    assertGolden(
        instagram.render("900000000000006", cards),
        "{\"recipient\":{\"id\":\"900000000000006\"}," + expected);
  }

  @Test
  void anImageThenItsCaptionAndAPersonsReplyTagged() throws Exception {
    List<String> bodies =
        instagram.render("900000000000006", new ImagePart("https://img.example/p.jpg", "Pizza"));
    assertThat(JSON.readTree(bodies.get(0)))
        .isEqualTo(
            JSON.readTree(
                "{\"recipient\":{\"id\":\"900000000000006\"},\"message\":{\"attachment\":{\"type\":\"image\",\"payload\":"
                    + "{\"url\":\"https://img.example/p.jpg\",\"is_reusable\":true}}}}"));
    assertThat(JSON.readTree(bodies.get(1)).path("message").path("text").asText())
        .isEqualTo("Pizza");
    // https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags
    assertGolden(
        messenger.render("900000000000005", new TextPart("Oi, aqui é a Carla"), true),
        "{\"recipient\":{\"id\":\"900000000000005\"},\"messaging_type\":\"MESSAGE_TAG\",\"tag\":\"HUMAN_AGENT\","
            + "\"message\":{\"text\":\"Oi, aqui é a Carla\"}}");
  }

  @Test
  void fallsBackToANumberedListBeyondThirteenChoices() throws Exception {
    List<Choice> many =
        IntStream.rangeClosed(1, 14).mapToObj(i -> new Choice("P" + i, "Opção " + i)).toList();

    JsonNode body =
        JSON.readTree(
            messenger.render("900000000000005", new ChoicesPart("Escolha:", many)).get(0));

    assertThat(body.path("message").has("quick_replies")).isFalse();
    assertThat(body.path("message").path("text").asText())
        .startsWith("Escolha:\n1. Opção 1\n")
        .endsWith("14. Opção 14");
  }

  @Test
  void instagramTextStaysUnderOneThousandBytes() throws Exception {
    List<String> bodies = instagram.render("900000000000006", new TextPart("ação ".repeat(400)));

    assertThat(bodies).hasSizeGreaterThan(1);
    for (String body : bodies) {
      assertThat(
              JSON.readTree(body)
                  .path("message")
                  .path("text")
                  .asText()
                  .getBytes(StandardCharsets.UTF_8)
                  .length)
          .isLessThan(1000);
    }
  }

  private static String quick(String title, String payload) {
    return "{\"content_type\":\"text\",\"title\":\""
        + title
        + "\",\"payload\":\""
        + payload
        + "\"}";
  }

  private static void assertGolden(List<String> bodies, String expected) throws Exception {
    assertThat(bodies).hasSize(1);
    assertThat(JSON.readTree(bodies.get(0))).isEqualTo(JSON.readTree(expected));
  }
}
