package com.posmodern.omnichannel.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextMatchingTest {

  @Test
  void typedTextLosesCaseAccentsStopwordsAndPlurals() {
    assertThat(TextMatching.words("Duas PIZZAS grandes de Calabresa, por favor!"))
        .containsExactly("dua", "pizza", "grande", "calabresa");
    assertThat(TextMatching.words("Refrigerantes e Pães"))
        .containsExactly("refrigerante", "e", "pae");
  }

  @Test
  void aMenuPhraseIsSplitOnceAndKept() {
    var first = TextMatching.menuWords("Pizzas Grandes de Muçarela");

    assertThat(first).containsExactly("pizza", "grande", "mucarela");
    assertThat(TextMatching.menuWords("Pizzas Grandes de Muçarela")).isSameAs(first);
    assertThat(first).isEqualTo(TextMatching.words("Pizzas Grandes de Muçarela"));
  }
}
