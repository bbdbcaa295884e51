package com.posmodern.omnichannel.channel;

import static com.posmodern.omnichannel.channel.ChannelSamples.codePoints;
import static com.posmodern.omnichannel.channel.ChannelSamples.graphemeBoundaries;
import static com.posmodern.omnichannel.channel.ChannelSamples.utf8;
import static com.posmodern.omnichannel.channel.ChannelSamples.visible;
import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of {@link TextSplitter} with the text limits of the capability table (Messenger 2,000
 * characters, Instagram 999 UTF-8 bytes, WhatsApp 1,600 characters). Characters are UTF-16 code
 * units ({@link String#length()}), as the splitter documents; that is the strictest count (never
 * fewer than code points or graphemes), so a piece within it is within any of them.
 */
class TextSplitterPropertiesTest {

  private static final CapabilityTable TABLE = CapabilityTable.load();

  static Stream<Long> seeds() {
    return ChannelSamples.seeds(200);
  }

  /**
   * Every piece is within the channel's limits, and the pieces are the text in order: each piece is
   * a stretch of the text, and what lies between (and around) them is whitespace only.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void piecesFitTheTableLimitsAndNothingButWhitespaceIsLost(long seed) {
    Random random = new Random(seed);
    String text = ChannelSamples.text(random, 1500);
    Channel channel = ChannelSamples.pick(random, List.of(Channel.values()));
    ChannelCapabilities.Text limits = TABLE.of(channel).text();

    List<String> pieces = TextSplitter.split(text, limits.maxChars(), limits.maxUtf8Bytes());
    for (String piece : pieces) {
      assertThat(piece).isNotBlank();
      if (limits.maxChars() > 0) {
        assertThat(piece.length()).isLessThanOrEqualTo(limits.maxChars());
      }
      if (limits.maxUtf8Bytes() > 0) {
        assertThat(utf8(piece)).isLessThanOrEqualTo(limits.maxUtf8Bytes());
      }
    }
    assertThat(visible(String.join("", pieces))).isEqualTo(visible(text));
    int at = 0;
    for (String piece : pieces) {
      int start = text.indexOf(piece, at);
      assertThat(start).as("piece is a stretch of the text after the previous one").isNotNegative();
      assertThat(text.substring(at, start)).as("dropped between pieces").isBlank();
      at = start + piece.length();
    }
    assertThat(text.substring(at)).as("dropped at the end").isBlank();
  }

  /**
   * No piece starts or ends inside a grapheme cluster (an emoji ZWJ sequence, a flag, an emoji with
   * a skin tone, a letter with its combining marks): judged by Unicode's extended grapheme clusters
   * ({@code \X}), not by the {@link java.text.BreakIterator} the splitter itself uses.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void piecesAreCutBetweenGraphemeClusters(long seed) {
    Random random = new Random(seed);
    String text = ChannelSamples.text(random, 1500);
    Channel channel = ChannelSamples.pick(random, List.of(Channel.values()));
    ChannelCapabilities.Text limits = TABLE.of(channel).text();

    assertCutBetweenGraphemes(
        text, TextSplitter.split(text, limits.maxChars(), limits.maxUtf8Bytes()));
  }

  /**
   * The same with small limits (as a title or a short field would have), so a failure is a short
   * readable counterexample. The longest grapheme sampled, 🧑🏿‍🤝‍🧑🏻, is 12 UTF-16 units and 35
   * UTF-8 bytes, below the smallest limit.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void piecesAreCutBetweenGraphemeClustersAtAnyLimit(long seed) {
    Random random = new Random(seed);
    String text = ChannelSamples.text(random, 40);
    int limit = 40 + random.nextInt(81);
    boolean bytes = random.nextBoolean();
    List<String> pieces = TextSplitter.split(text, bytes ? 0 : limit, bytes ? limit : 0);

    for (String piece : pieces) {
      assertThat(bytes ? utf8(piece) : piece.length()).isLessThanOrEqualTo(limit);
    }
    assertThat(visible(String.join("", pieces))).isEqualTo(visible(text));
    assertCutBetweenGraphemes(text, pieces);
  }

  /**
   * A truncated title is within the limit, and is the title itself or a prefix of it that ends
   * between grapheme clusters, followed by an ellipsis.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void truncateStaysWithinTheLimitAndCutsBetweenGraphemeClusters(long seed) {
    Random random = new Random(seed);
    String title = ChannelSamples.text(random, 40);
    // the limits of the table: quick-reply and button titles 20, list items 24, descriptions 72,
    // card titles and subtitles 80
    int limit = ChannelSamples.pick(random, List.of(20, 24, 72, 80));
    String truncated = TextSplitter.truncate(title, limit);

    assertThat(truncated.length()).isLessThanOrEqualTo(limit);
    if (!truncated.equals(title)) {
      assertThat(truncated).endsWith("…");
      String head = truncated.substring(0, truncated.length() - 1);
      assertThat(title).startsWith(head);
      assertThat(graphemeBoundaries(title).contains(head.length()))
          .as("%s cut after %s, inside a grapheme cluster", codePoints(title), codePoints(head))
          .isTrue();
    }
  }

  private static void assertCutBetweenGraphemes(String text, List<String> pieces) {
    Set<Integer> boundaries = graphemeBoundaries(text);
    int at = 0;
    for (String piece : pieces) {
      int start = text.indexOf(piece, at);
      int end = start + piece.length();
      assertThat(boundaries.contains(start))
          .as(
              "piece [%d, %d) of %d starts between graphemes (%s | %s)",
              start,
              end,
              text.length(),
              codePoints(text.substring(Math.max(0, start - 4), start)),
              codePoints(piece.substring(0, Math.min(4, piece.length()))))
          .isTrue();
      assertThat(boundaries.contains(end))
          .as(
              "piece [%d, %d) of %d ends between graphemes (%s | %s)",
              start,
              end,
              text.length(),
              codePoints(piece.substring(Math.max(0, piece.length() - 4))),
              codePoints(text.substring(end, Math.min(text.length(), end + 4))))
          .isTrue();
      at = end;
    }
  }
}
