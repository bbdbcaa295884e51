package com.posmodern.omnichannel.channel.meta;

import static com.posmodern.omnichannel.channel.ChannelSamples.utf8;
import static com.posmodern.omnichannel.channel.ChannelSamples.visible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

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
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import com.posmodern.omnichannel.channel.ChannelSamples;
import com.posmodern.omnichannel.channel.NumberedChoices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of {@link MetaMessageRenderer} for Messenger and Instagram: whatever reply part it is
 * given, no request body breaks a limit of the capability table, and nothing the customer should
 * see or be able to pick is silently dropped (long text goes on in further messages, choices are
 * quick replies, buttons or a numbered list, cards are paged). Characters are counted as UTF-16
 * code units ({@link String#length()}), as the renderer and {@code TextSplitter} do.
 */
class MetaMessageRendererPropertiesTest {

  private static final CapabilityTable TABLE = CapabilityTable.load();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IMAGE = "https://img.example/p.jpg";

  static Stream<Long> seeds() {
    return ChannelSamples.seeds(200);
  }

  private static Channel metaChannel(Random random) {
    return random.nextBoolean() ? Channel.MESSENGER : Channel.INSTAGRAM;
  }

  private static ReplyPart textOrImage(Random random) {
    return random.nextBoolean()
        ? new TextPart(ChannelSamples.text(random, 1500))
        : new ImagePart(
            IMAGE, ChannelSamples.chance(random, 0.2) ? null : ChannelSamples.text(random, 1500));
  }

  // ---- limits -------------------------------------------------------------------------------

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void textAndImageRequestsAreWithinTheTableLimits(long seed) {
    Random random = new Random(seed);
    ReplyPart part = textOrImage(random);
    Channel channel = metaChannel(random);
    boolean humanAgent = random.nextBoolean();
    assertWithinLimits(channel, render(channel, part, humanAgent));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void choicesRequestsAreWithinTheTableLimits(long seed) {
    Random random = new Random(seed);
    ChoicesPart part = ChannelSamples.choicesPart(random);
    Channel channel = metaChannel(random);
    assertWithinLimits(channel, render(channel, part, random.nextBoolean()));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void cardsRequestsAreWithinTheTableLimits(long seed) {
    Random random = new Random(seed);
    CardsPart part = ChannelSamples.cardsPart(random);
    Channel channel = metaChannel(random);
    assertWithinLimits(channel, render(channel, part, random.nextBoolean()));
  }

  // ---- nothing lost -------------------------------------------------------------------------

  /** Text and captions: all of it, in order, whitespace aside; the image itself first. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void textAndImagesLoseNothing(long seed) {
    Random random = new Random(seed);
    ReplyPart part = textOrImage(random);
    Channel channel = metaChannel(random);
    Rendered out = Rendered.of(render(channel, part, false));

    if (part instanceof TextPart text) {
      assertThat(out.imageUrls).isEmpty();
      assertThat(visible(out.text())).isEqualTo(visible(text.text()));
    } else if (part instanceof ImagePart image) {
      assertThat(out.imageUrls).containsExactly(IMAGE);
      assertThat(visible(out.text()))
          .isEqualTo(visible(image.caption() == null ? "" : image.caption()));
    }
  }

  /**
   * The question is shown whole, and every option can be picked: its payload is a quick reply or a
   * button (in order, with its title, cut with "…" at most), or it is a numbered line of the text.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void choicesLoseNothing(long seed) {
    Random random = new Random(seed);
    ChoicesPart part = ChannelSamples.choicesPart(random);
    Channel channel = metaChannel(random);
    Rendered out = Rendered.of(render(channel, part, false));

    assertThat(visible(out.text())).contains(visible(part.text()));
    assertOffered(part.choices(), 1, out);
    if (!out.offered.isEmpty()) {
      assertThat(out.offered).hasSameSizeAs(part.choices());
      for (int i = 0; i < part.choices().size(); i++) {
        assertThat(out.offered.get(i).path("payload").asText())
            .isEqualTo(part.choices().get(i).payload());
        assertShownAs(out.offered.get(i).path("title").asText(), part.choices().get(i).title());
      }
    }
  }

  /**
   * Every card is an element of a carousel, in order, with its title and subtitle (cut with "…" at
   * most), picture and every action as a button; or, when a card does not fit one, the whole list
   * is the numbered text. Every option about the whole list is a quick reply or a numbered line.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void cardsLoseNothing(long seed) {
    Random random = new Random(seed);
    CardsPart part = ChannelSamples.cardsPart(random);
    Channel channel = metaChannel(random);
    Rendered out = Rendered.of(render(channel, part, false));

    int cardActions = NumberedChoices.cardActions(part);
    if (out.elements.isEmpty()) {
      // the numbered fallback (a card with more actions than a card takes, or a refused payload)
      assertThat(
              part.cards().stream()
                  .anyMatch(
                      card ->
                          card.buttons().size() > 3
                              || card.buttons().stream()
                                  .anyMatch(b -> b.payload().length() > 1000)))
          .as("a carousel that fits is sent as one")
          .isTrue();
      assertThat(visible(out.text())).isEqualTo(visible(NumberedChoices.text(part)));
    } else {
      assertThat(out.elements).hasSameSizeAs(part.cards());
      for (int i = 0; i < part.cards().size(); i++) {
        Card card = part.cards().get(i);
        JsonNode element = out.elements.get(i);
        assertShownAs(element.path("title").asText(), card.title());
        if (card.subtitle() != null && !card.subtitle().isBlank()) {
          assertShownAs(element.path("subtitle").asText(), card.subtitle());
        }
        if (card.imageUrl() != null) {
          assertThat(element.path("image_url").asText()).isEqualTo(card.imageUrl());
        }
        List<String> buttons = new ArrayList<>();
        element.path("buttons").forEach(button -> buttons.add(button.path("payload").asText()));
        assertThat(buttons)
            .as("card %d: every action a button", i + 1)
            .containsExactlyElementsOf(card.buttons().stream().map(Choice::payload).toList());
      }
    }
    // the list's own options are numbered after the cards' actions, as the conversation counts
    assertOffered(part.choices(), cardActions + 1, out);
  }

  /**
   * A question without words (the renderer itself builds one for the options under a carousel)
   * still renders, as requests the platform takes (no empty text), with every option offered.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aBlankQuestionStillOffersItsChoices(long seed) {
    Random random = new Random(seed);
    ChoicesPart part =
        new ChoicesPart(
            ChannelSamples.pick(random, List.of("", " ", "\n")),
            ChannelSamples.listOf(1 + random.nextInt(13), () -> ChannelSamples.choice(random)));
    Channel channel = metaChannel(random);
    List<JsonNode> bodies = new ArrayList<>();
    assertThatCode(() -> bodies.addAll(render(channel, part, false))).doesNotThrowAnyException();

    assertWithinLimits(channel, bodies);
    assertOffered(part.choices(), 1, Rendered.of(bodies));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static List<JsonNode> render(Channel channel, ReplyPart part, boolean humanAgent) {
    MetaMessageRenderer renderer =
        new MetaMessageRenderer(TABLE.of(channel), channel == Channel.MESSENGER);
    List<JsonNode> bodies = new ArrayList<>();
    for (String body : renderer.render("RECIPIENT", part, humanAgent)) {
      try {
        bodies.add(JSON.readTree(body));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bodies;
  }

  private static void assertWithinLimits(Channel channel, List<JsonNode> bodies) {
    ChannelCapabilities caps = TABLE.of(channel);
    for (JsonNode body : bodies) {
      assertThat(body.path("recipient").path("id").asText()).isEqualTo("RECIPIENT");
      JsonNode message = body.path("message");
      if (message.has("text")) {
        String text = message.get("text").asText();
        assertThat(text).as("message text").isNotBlank();
        if (caps.maxTextChars() > 0) {
          assertThat(text.length()).as("text chars").isLessThanOrEqualTo(caps.maxTextChars());
        }
        if (caps.maxTextUtf8Bytes() > 0) {
          assertThat(utf8(text))
              .as("text UTF-8 bytes")
              .isLessThanOrEqualTo(caps.maxTextUtf8Bytes());
        }
      }
      JsonNode quickReplies = message.path("quick_replies");
      if (!quickReplies.isMissingNode()) {
        ChannelCapabilities.QuickReplies limits = caps.quickReplies();
        assertThat(limits).as("%s has quick replies", channel).isNotNull();
        assertThat(quickReplies.size()).as("quick replies").isBetween(1, limits.max());
        for (JsonNode reply : quickReplies) {
          assertThat(reply.path("title").asText().length())
              .as("quick reply title chars")
              .isLessThanOrEqualTo(limits.titleMaxChars());
          assertThat(reply.path("payload").asText().length())
              .as("quick reply payload chars")
              .isLessThanOrEqualTo(limits.payloadMaxChars());
        }
      }
      JsonNode attachment = message.path("attachment");
      if (attachment.isMissingNode()) {
        assertThat(message.has("text")).as("a message without attachment is text").isTrue();
        continue;
      }
      JsonNode payload = attachment.path("payload");
      switch (attachment.path("type").asText()) {
        case "image" -> assertThat(payload.path("url").asText()).isNotBlank();
        case "template" -> {
          String type = payload.path("template_type").asText();
          if (type.equals("generic")) {
            ChannelCapabilities.Cards limits = caps.cards();
            assertThat(limits).as("%s has carousels", channel).isNotNull();
            JsonNode elements = payload.path("elements");
            assertThat(elements.size()).as("elements").isBetween(1, limits.maxElements());
            for (JsonNode element : elements) {
              assertThat(element.path("title").asText().length())
                  .as("element title chars")
                  .isLessThanOrEqualTo(limits.titleMaxChars());
              assertThat(element.path("subtitle").asText().length())
                  .as("element subtitle chars")
                  .isLessThanOrEqualTo(limits.subtitleMaxChars());
              assertThat(element.path("buttons").size())
                  .as("buttons of an element")
                  .isLessThanOrEqualTo(limits.maxButtons());
              for (JsonNode button : element.path("buttons")) {
                assertThat(button.path("title").asText().length())
                    .as("element button title chars")
                    .isLessThanOrEqualTo(limits.buttonTitleMaxChars());
              }
            }
          } else if (type.equals("button")) {
            ChannelCapabilities.Buttons limits = caps.buttons();
            assertThat(limits).as("%s has button templates", channel).isNotNull();
            String text = payload.path("text").asText();
            assertThat(text).as("button template text").isNotBlank();
            assertThat(text.length())
                .as("button template text chars")
                .isLessThanOrEqualTo(limits.textMaxChars());
            assertThat(payload.path("buttons").size())
                .as("button template buttons")
                .isBetween(1, limits.maxButtons());
            for (JsonNode button : payload.path("buttons")) {
              assertThat(button.path("title").asText().length())
                  .as("button title chars")
                  .isLessThanOrEqualTo(limits.titleMaxChars());
              assertThat(button.path("payload").asText().length())
                  .as("button payload chars")
                  .isLessThanOrEqualTo(limits.payloadMaxChars());
            }
          } else {
            throw new AssertionError("unexpected template " + type);
          }
        }
        default -> throw new AssertionError("unexpected attachment " + attachment);
      }
    }
  }

  /**
   * Each choice (numbered from {@code first} in a fallback list) can be picked: by its payload, or
   * by its number in the text.
   */
  private static void assertOffered(List<Choice> choices, int first, Rendered out) {
    String text = visible(out.text());
    for (int i = 0; i < choices.size(); i++) {
      Choice choice = choices.get(i);
      assertThat(
              out.payloads().contains(choice.payload())
                  || text.contains(visible((first + i) + ". " + choice.title())))
          .as("option %d of %d, %s, can be picked", i + 1, choices.size(), choice)
          .isTrue();
    }
  }

  /** A title as shown: itself, or a prefix of it followed by an ellipsis. */
  private static void assertShownAs(String shown, String original) {
    if (!shown.equals(original)) {
      assertThat(shown).endsWith("…");
      assertThat(original).startsWith(shown.substring(0, shown.length() - 1));
    }
  }

  /** What the customer gets from a series of request bodies. */
  private record Rendered(
      List<String> texts, List<JsonNode> offered, List<JsonNode> elements, List<String> imageUrls) {

    static Rendered of(List<JsonNode> bodies) {
      Rendered out =
          new Rendered(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (JsonNode body : bodies) {
        JsonNode message = body.path("message");
        if (message.has("text")) {
          out.texts.add(message.get("text").asText());
        }
        message.path("quick_replies").forEach(out.offered::add);
        JsonNode attachment = message.path("attachment");
        JsonNode payload = attachment.path("payload");
        if (attachment.path("type").asText().equals("image")) {
          out.imageUrls.add(payload.path("url").asText());
        }
        if (payload.path("template_type").asText().equals("button")) {
          out.texts.add(payload.path("text").asText());
          payload.path("buttons").forEach(out.offered::add);
        }
        payload.path("elements").forEach(out.elements::add);
      }
      return out;
    }

    String text() {
      return String.join("\n", texts);
    }

    /** Every payload a tap can send back: quick replies, buttons, buttons of elements. */
    List<String> payloads() {
      List<String> payloads = new ArrayList<>();
      offered.forEach(node -> payloads.add(node.path("payload").asText()));
      elements.forEach(
          element ->
              element.path("buttons").forEach(b -> payloads.add(b.path("payload").asText())));
      return payloads;
    }
  }
}
