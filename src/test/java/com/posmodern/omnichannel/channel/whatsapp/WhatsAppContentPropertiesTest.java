package com.posmodern.omnichannel.channel.whatsapp;

import static com.posmodern.omnichannel.channel.ChannelSamples.visible;
import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.channel.ChannelSamples;
import com.posmodern.omnichannel.channel.NumberedChoices;
import com.posmodern.omnichannel.channel.TextSplitter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of {@link WhatsAppContent#choices}: a Content API call it makes fills a quick-reply or
 * list-picker template within Twilio's limits from the capability table, with every option's
 * payload as a button or item id; when it makes none, the numbered text the WhatsApp edge sends
 * instead has every option, in pieces within the text limit.
 */
class WhatsAppContentPropertiesTest {

  private static final ChannelCapabilities WHATSAPP = CapabilityTable.load().of(Channel.WHATSAPP);

  static Stream<Long> seeds() {
    return ChannelSamples.seeds(300);
  }

  /** Every template configured (as the setup creates them) three times in four, else some. */
  private static Map<String, String> contentSids(Random random) {
    boolean all = random.nextInt(4) < 3;
    Map<String, String> sids = new HashMap<>();
    for (int n = 1; n <= 3; n++) {
      if (all || random.nextBoolean()) {
        sids.put(WhatsAppContent.quickReplyUse(n), "HXquick" + n);
      }
    }
    for (int n = 1; n <= 10; n++) {
      if (all || random.nextBoolean()) {
        sids.put(WhatsAppContent.listPickerUse(n), "HXlist" + n);
      }
    }
    return sids;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void contentCallsAreWithinTheLimitsAndOfferEveryChoice(long seed) {
    Random random = new Random(seed);
    ChoicesPart part = ChannelSamples.choicesPart(random);
    Map<String, String> sids = contentSids(random);
    Optional<WhatsAppContent.Call> call = content(sids).choices(part);

    call.ifPresent(c -> assertCall(part, sids, c));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theNumberedFallbackHasEveryChoiceWithinTheTextLimit(long seed) {
    ChoicesPart part = ChannelSamples.choicesPart(new Random(seed));
    String numbered = NumberedChoices.text(part);
    for (Choice choice : part.choices()) {
      assertThat(numbered).contains(choice.title());
    }
    // as WhatsAppIntegration sends it
    List<String> pieces = TextSplitter.split(numbered, WHATSAPP.maxTextChars(), 0);
    for (String piece : pieces) {
      assertThat(piece.length()).isLessThanOrEqualTo(WHATSAPP.maxTextChars());
    }
    String sent = visible(String.join("", pieces));
    assertThat(sent).contains(visible(part.text()));
    for (int i = 0; i < part.choices().size(); i++) {
      assertThat(sent).contains(visible((i + 1) + ". " + part.choices().get(i).title()));
    }
  }

  private static WhatsAppContent content(Map<String, String> sids) {
    return new WhatsAppContent(
        WHATSAPP,
        new WhatsAppProperties(
            "ACproperties",
            "token",
            "+14155238886",
            "https://api.twilio.example",
            "https://content.twilio.example",
            sids,
            false,
            null,
            null));
  }

  private static void assertCall(
      ChoicesPart part, Map<String, String> sids, WhatsAppContent.Call call) {
    List<Choice> choices = part.choices();
    int n = choices.size();
    Map<String, String> variables = call.variables();
    assertThat(variables.get("1")).as("body").isEqualTo(part.text());
    if (call.contentSid().equals(sids.get(WhatsAppContent.quickReplyUse(n)))) {
      ChannelCapabilities.QuickReplies limits = WHATSAPP.quickReplies();
      assertThat(n).as("buttons").isBetween(1, limits.max());
      assertThat(variables).hasSize(1 + 2 * n);
      assertThat(variables.get("1").length())
          .as("body chars")
          .isLessThanOrEqualTo(limits.bodyMaxChars());
      for (int i = 0; i < n; i++) {
        String title = variables.get(Integer.toString(2 + 2 * i));
        String id = variables.get(Integer.toString(3 + 2 * i));
        assertThat(title.length())
            .as("button title chars")
            .isLessThanOrEqualTo(limits.titleMaxChars());
        assertThat(id.length()).as("button id chars").isLessThanOrEqualTo(limits.payloadMaxChars());
        assertThat(title).isEqualTo(choices.get(i).title());
        assertThat(id).isEqualTo(choices.get(i).payload());
      }
    } else if (call.contentSid().equals(sids.get(WhatsAppContent.listPickerUse(n)))) {
      ChannelCapabilities.ListPicker limits = WHATSAPP.list();
      assertThat(n).as("items").isBetween(1, limits.maxItems());
      assertThat(variables).hasSize(1 + 3 * n);
      assertThat(variables.get("1").length())
          .as("body chars")
          .isLessThanOrEqualTo(limits.bodyMaxChars());
      for (int i = 0; i < n; i++) {
        String item = variables.get(Integer.toString(2 + 3 * i));
        String id = variables.get(Integer.toString(3 + 3 * i));
        String description = variables.get(Integer.toString(4 + 3 * i));
        assertThat(item.length()).as("item chars").isLessThanOrEqualTo(limits.itemTitleMaxChars());
        assertThat(id.length()).as("item id chars").isLessThanOrEqualTo(limits.idMaxChars());
        assertThat(description.length())
            .as("description chars")
            .isLessThanOrEqualTo(limits.descriptionMaxChars());
        assertThat(id).isEqualTo(choices.get(i).payload());
        assertShownAs(item, choices.get(i).title());
        assertShownAs(description, choices.get(i).title());
      }
    } else {
      throw new AssertionError(
          "unexpected template " + call.contentSid() + " for " + n + " choices");
    }
  }

  /** A title as shown: itself, or a prefix of it followed by an ellipsis. */
  private static void assertShownAs(String shown, String original) {
    if (!shown.equals(original)) {
      assertThat(shown).endsWith("…");
      assertThat(original).startsWith(shown.substring(0, shown.length() - 1));
    }
  }
}
