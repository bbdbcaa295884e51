package com.posmodern.omnichannel.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

  @Test
  void keepsShortTextWhole() {
    assertThat(TextSplitter.split("Olá!", 2000, 0)).containsExactly("Olá!");
  }

  @Test
  void cutsAtSpacesWithinTheCharacterLimit() {
    String text = "palavra ".repeat(400).strip();

    List<String> pieces = TextSplitter.split(text, 2000, 0);

    assertThat(pieces).allSatisfy(piece -> assertThat(piece.length()).isLessThanOrEqualTo(2000));
    assertThat(pieces)
        .allSatisfy(piece -> assertThat(piece).doesNotStartWith(" ").endsWith("palavra"));
    assertThat(String.join(" ", pieces)).isEqualTo(text);
  }

  @Test
  void countsUtf8BytesAndNeverCutsAGrapheme() {
    // Each family emoji is one grapheme of 25 UTF-8 bytes; accents are 2 bytes each.
    String text = "👨‍👩‍👧‍👦ção".repeat(200);

    List<String> pieces = TextSplitter.split(text, 0, 999);

    assertThat(pieces).hasSizeGreaterThan(1);
    assertThat(pieces)
        .allSatisfy(
            piece ->
                assertThat(piece.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(999))
        // no lone surrogate and no piece starting inside an emoji sequence (zero-width joiner)
        .allSatisfy(
            piece ->
                assertThat(
                        new String(piece.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                    .isEqualTo(piece))
        .allSatisfy(piece -> assertThat(piece).doesNotStartWith("\u200d"));
    assertThat(String.join("", pieces)).isEqualTo(text);
  }

  @Test
  void truncatesTitlesWithAnEllipsis() {
    assertThat(TextSplitter.truncate("Pizza de Frango com Catupiry", 20))
        .isEqualTo("Pizza de Frango com…");
    assertThat(TextSplitter.truncate("Pizzas", 20)).isEqualTo("Pizzas");
  }

  @Test
  void keepsEmojiSequencesAndFlagsWholeWhereJavaBreakIteratorWouldCut() {
    // java.text.BreakIterator on Java 17 cuts these after a zero-width joiner or between the two
    // regional indicators of a flag; found by the property tests.
    assertThat(TextSplitter.truncate("a👩‍👩‍👧‍👦👩‍👩‍👧‍👦", 18)).isEqualTo("a👩‍👩‍👧‍👦…");
    assertThat(TextSplitter.truncate("kkzkfoloqgjbinnhctwd🇧🇷ộ", 22))
        .isEqualTo("kkzkfoloqgjbinnhctwd…");
    // a flag is 4 UTF-16 units: two fit in 9, never two and a half
    assertThat(TextSplitter.split("🇧🇷🇧🇷🇧🇷", 9, 0)).containsExactly("🇧🇷🇧🇷", "🇧🇷");
  }
}
