package com.posmodern.omnichannel.channel;

import com.posmodern.omnichannel.canonical.reply.Card;
import com.posmodern.omnichannel.canonical.reply.CardsPart;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Random samples for the property tests of the channel renderers, drawn from a seeded {@link
 * Random} so every failure names the seed that reproduces it: long text mixing Portuguese words
 * with accents, emoji (skin tones, ZWJ sequences, flags, keycaps), combining marks and assorted
 * whitespace; choices with short and over-long payloads; carousels of cards with long titles. Also
 * the oracles the properties judge by: grapheme clusters as {@code java.util.regex}'s {@code \X}
 * finds them (Unicode extended grapheme clusters, UAX #29) and text without whitespace.
 *
 * <p>The seeds start at {@code -Dproperties.seed} (a fixed default, so the build is reproducible);
 * set it to explore other samples.
 */
public final class ChannelSamples {

  private ChannelSamples() {}

  /** The seeds of {@code tries} samples, for {@code @MethodSource}. */
  public static Stream<Long> seeds(int tries) {
    long first = Long.getLong("properties.seed", 20_261_126L);
    return LongStream.range(first, first + tries).boxed();
  }

  private static final List<String> WORDS =
      List.of(
          "pizza",
          "de",
          "Frango",
          "com",
          "Catupiry",
          "pedido",
          "entrega",
          "Olá",
          "ção",
          "pão",
          "açaí",
          "você",
          "maçã",
          "coração",
          "São",
          "Paulo",
          "R$",
          "42,90",
          "1.",
          "—",
          "…",
          "https://cardapio.example/p?id=123&ref=ig",
          "\u00a0" /* no-break space: not whitespace for String.strip */);

  /** Emoji as single grapheme clusters, several of them sequences of many code points. */
  public static final List<String> EMOJI =
      List.of(
          "🍕",
          "😀",
          "👍🏽",
          "🤌🏾",
          "👩‍👩‍👧‍👦",
          "👨‍🍳",
          "🧑🏿‍🤝‍🧑🏻",
          "🏳️‍🌈",
          "🇧🇷",
          "🇵🇹",
          "1️⃣",
          "❤️");

  private static final List<String> COMBINING =
      List.of("e\u0301", "a\u0303\u0327", "n\u0303", "o\u0302\u0323", "Z\u0351\u0334\u0317");

  private static final List<String> SPACES =
      List.of(" ", " ", " ", "\n", "  ", "\n\n", "\t", "\r\n", "\u2003");

  private static final String PAYLOAD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:_-";

  /** One of the values. */
  public static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** {@code size} values from {@code next}. */
  public static <T> List<T> listOf(int size, Supplier<T> next) {
    List<T> values = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      values.add(next.get());
    }
    return values;
  }

  /** {@code true} with the given chance. */
  public static boolean chance(Random random, double probability) {
    return random.nextDouble() < probability;
  }

  private static int between(Random random, int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  private static String chars(Random random, int min, int max, char from, char to) {
    StringBuilder out = new StringBuilder();
    for (int i = between(random, min, max); i > 0; i--) {
      out.append((char) between(random, from, to));
    }
    return out.toString();
  }

  private static String word(Random random) {
    int roll = random.nextInt(11);
    if (roll < 6) {
      return pick(random, WORDS);
    }
    if (roll < 8) {
      return chars(random, 1, 30, 'a', 'z');
    }
    if (roll < 9) {
      return chars(random, 3, 3, '\u4e00', '\u4e80');
    }
    return pick(random, COMBINING);
  }

  /**
   * Text of up to {@code maxTokens} tokens: mostly prose (words and whitespace), sometimes long
   * runs without any whitespace (so the splitter has to cut hard, between graphemes), possibly
   * blank.
   */
  public static String text(Random random, int maxTokens) {
    boolean dense = random.nextInt(5) < 2;
    StringBuilder out = new StringBuilder();
    for (int i = random.nextInt(maxTokens + 1); i > 0; i--) {
      int roll = random.nextInt(dense ? 5 : 12);
      if (dense) {
        out.append(roll < 3 ? word(random) : pick(random, EMOJI));
      } else {
        out.append(roll < 6 ? word(random) : roll < 8 ? pick(random, EMOJI) : pick(random, SPACES));
      }
    }
    return out.toString();
  }

  /** Text with something visible in it. */
  public static String nonBlankText(Random random, int maxTokens) {
    String text;
    do {
      text = text(random, maxTokens);
    } while (text.isBlank());
    return text;
  }

  /** An option's payload: usually short, now and then longer than any platform takes (~1 KB). */
  public static String payload(Random random) {
    int roll = random.nextInt(63);
    int[] range =
        roll < 60
            ? new int[] {1, 40}
            : roll == 60
                ? new int[] {190, 210}
                : roll == 61 ? new int[] {990, 1000} : new int[] {1001, 1100};
    StringBuilder out = new StringBuilder();
    for (int i = between(random, range[0], range[1]); i > 0; i--) {
      out.append(PAYLOAD_CHARS.charAt(random.nextInt(PAYLOAD_CHARS.length())));
    }
    return out.toString();
  }

  /** An option: payload and a non-blank title, usually of a few words, at times of a dozen. */
  public static Choice choice(Random random) {
    return new Choice(payload(random), nonBlankText(random, random.nextInt(3) < 2 ? 4 : 12));
  }

  /**
   * 0 to 40 options: as often a few (a button template, WhatsApp quick replies) as up to 13 (quick
   * replies, a list picker), and now and then more than any channel shows at once.
   */
  public static List<Choice> choices(Random random) {
    int roll = random.nextInt(11);
    int size =
        roll < 1
            ? 0
            : roll < 5
                ? between(random, 1, 3)
                : roll < 9 ? between(random, 4, 13) : between(random, 14, 40);
    return listOf(size, () -> choice(random));
  }

  /** A question (usually short, sometimes thousands of characters) with 0 to 40 options. */
  public static ChoicesPart choicesPart(Random random) {
    return new ChoicesPart(nonBlankText(random, random.nextInt(4) < 3 ? 60 : 600), choices(random));
  }

  /**
   * A card with a long title, maybe a subtitle and a picture, and 0 to 3 buttons (now and then 4 or
   * 5, more than a carousel card takes).
   */
  public static Card card(Random random) {
    return new Card(
        nonBlankText(random, 40),
        chance(random, 0.2) ? null : text(random, 40),
        chance(random, 0.3) ? null : "https://img.example/p.jpg",
        listOf(
            chance(random, 0.97) ? random.nextInt(4) : 4 + random.nextInt(2),
            () -> choice(random)));
  }

  /** A carousel of 1 to 30 cards with 0 to 40 options about the whole list. */
  public static CardsPart cardsPart(Random random) {
    return new CardsPart(listOf(between(random, 1, 30), () -> card(random)), choices(random));
  }

  /** The offsets at which a grapheme cluster (Unicode extended grapheme cluster) starts or ends. */
  public static Set<Integer> graphemeBoundaries(String text) {
    Set<Integer> boundaries = new TreeSet<>();
    boundaries.add(0);
    Matcher graphemes = Pattern.compile("\\X").matcher(text);
    while (graphemes.find()) {
      boundaries.add(graphemes.end());
    }
    return boundaries;
  }

  /** The text without whitespace (as {@link String#strip} understands whitespace). */
  public static String visible(String text) {
    StringBuilder visible = new StringBuilder();
    text.codePoints().filter(c -> !Character.isWhitespace(c)).forEach(visible::appendCodePoint);
    return visible.toString();
  }

  /** Length in UTF-8 bytes. */
  public static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Code points as U+XXXX, to make a counterexample readable. */
  public static String codePoints(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> out.append(String.format("U+%04X ", c)));
    return out.toString().strip();
  }
}
