package com.posmodern.omnichannel.channel.meta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.ImagePart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MetaMessageRendererTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ChannelCapabilities MESSENGER = CapabilityTable.load().of(Channel.MESSENGER);
  private static final ChannelCapabilities INSTAGRAM = CapabilityTable.load().of(Channel.INSTAGRAM);

  @Test
  void rendersTextAsTheSendApiDocumentsIt() throws Exception {
    List<String> bodies =
        new MetaMessageRenderer(MESSENGER, true).render("PSID", new TextPart("hello, world"));

    // https://developers.facebook.com/docs/messenger-platform/reference/send-api
    assertThat(JSON.readTree(bodies.get(0)))
        .isEqualTo(
            JSON.readTree(
                "{\"recipient\":{\"id\":\"PSID\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"hello, world\"}}"));
  }

  @Test
  void rendersChoicesAsQuickRepliesAsTheDocsShowThem() throws Exception {
    ChoicesPart part =
        new ChoicesPart(
            "Pick a color:", List.of(new Choice("RED", "Red"), new Choice("GREEN", "Green")));

    JsonNode body =
        JSON.readTree(new MetaMessageRenderer(MESSENGER, true).render("PSID", part).get(0));

    // https://developers.facebook.com/docs/messenger-platform/send-messages/quick-replies/ (without
    // image_url)
    assertThat(body)
        .isEqualTo(
            JSON.readTree(
                """
                {"recipient":{"id":"PSID"},"messaging_type":"RESPONSE","message":{"text":"Pick a color:",
                 "quick_replies":[{"content_type":"text","title":"Red","payload":"RED"},
                                  {"content_type":"text","title":"Green","payload":"GREEN"}]}}"""));
  }

  @Test
  void fallsBackToANumberedListBeyondThirteenChoices() throws Exception {
    List<Choice> many =
        IntStream.rangeClosed(1, 14).mapToObj(i -> new Choice("P" + i, "Opção " + i)).toList();

    JsonNode body =
        JSON.readTree(
            new MetaMessageRenderer(MESSENGER, true)
                .render("PSID", new ChoicesPart("Escolha:", many))
                .get(0));

    assertThat(body.path("message").has("quick_replies")).isFalse();
    assertThat(body.path("message").path("text").asText())
        .startsWith("Escolha:\n1. Opção 1\n")
        .endsWith("14. Opção 14");
  }

  @Test
  void instagramTextStaysUnderOneThousandBytesAndOmitsMessagingType() throws Exception {
    String accented = "ação ".repeat(400);

    List<String> bodies =
        new MetaMessageRenderer(INSTAGRAM, false).render("IGSID", new TextPart(accented));

    assertThat(bodies).hasSizeGreaterThan(1);
    for (String body : bodies) {
      JsonNode node = JSON.readTree(body);
      assertThat(node.has("messaging_type")).isFalse();
      assertThat(node.path("message").path("text").asText().getBytes(StandardCharsets.UTF_8).length)
          .isLessThan(1000);
    }
  }

  @Test
  void sendsAnImageThenItsCaption() throws Exception {
    List<String> bodies =
        new MetaMessageRenderer(INSTAGRAM, false)
            .render("IGSID", new ImagePart("https://img.example/p.jpg", "Pizza"));

    assertThat(
            JSON.readTree(bodies.get(0))
                .path("message")
                .path("attachment")
                .path("payload")
                .path("url")
                .asText())
        .isEqualTo("https://img.example/p.jpg");
    assertThat(JSON.readTree(bodies.get(1)).path("message").path("text").asText())
        .isEqualTo("Pizza");
  }
}
