package com.posmodern.omnichannel.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.chatbot.ConversationState.PendingItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypedChoicesTest {

  private static final List<String> SIZES = List.of("VARIANT:media", "VARIANT:grande");
  private static final PendingItem PIZZA = new PendingItem("pizza-calabresa", null, List.of(), 1);

  @Test
  void aSizeIsReadByItsNameOrItsShortName() {
    assertThat(TypedChoices.pick("grande", SIZES, Turns.MENU, PIZZA)).isEqualTo("VARIANT:grande");
    assertThat(TypedChoices.pick("a grande pfv", SIZES, Turns.MENU, PIZZA))
        .isEqualTo("VARIANT:grande");
    assertThat(TypedChoices.pick("G", SIZES, Turns.MENU, PIZZA)).isEqualTo("VARIANT:grande");
    assertThat(TypedChoices.pick("Média", SIZES, Turns.MENU, PIZZA)).isEqualTo("VARIANT:media");
  }

  @Test
  void moreThanAnAnswerIsLeftToTheRestOfTheConversation() {
    assertThat(TypedChoices.pick("quanto custa a grande?", SIZES, Turns.MENU, PIZZA)).isNull();
    assertThat(TypedChoices.pick("uma feijoada", SIZES, Turns.MENU, PIZZA)).isNull();
  }

  @Test
  void yesNoAndQuantitiesAnswerTheQuestionAsked() {
    assertThat(TypedChoices.pick("sim pode", List.of("CONFIRM", "CANCEL"), Turns.MENU, null))
        .isEqualTo("CONFIRM");
    assertThat(TypedChoices.pick("não preciso", List.of("NO_CHANGE"), Turns.MENU, null))
        .isEqualTo("NO_CHANGE");
    assertThat(TypedChoices.pick("sem complemento", List.of("NO_COMPLEMENT"), Turns.MENU, null))
        .isEqualTo("NO_COMPLEMENT");
    assertThat(TypedChoices.pick("duas", List.of("QTY:1", "QTY:2", "QTY:3"), Turns.MENU, null))
        .isEqualTo("QTY:2");
    // "não" would answer both: neither is picked.
    assertThat(TypedChoices.pick("não", List.of("NO_CHANGE", "SKIP"), Turns.MENU, null)).isNull();
  }

  @Test
  void wordsSpelledAlikeMatchButOtherFoodsDoNot() {
    assertThat(TextMatching.similar("cokinha", "coquinha")).isTrue();
    assertThat(TextMatching.similar("coxinha", "coquinha")).isFalse();
    assertThat(TextMatching.similar("calabreza", "calabresa")).isTrue();
  }

  @Test
  void greetingsWithWhatPeopleAddAreGreetings() {
    assertThat(GlobalIntents.greetingOrOpening("oii")).isTrue();
    assertThat(GlobalIntents.greetingOrOpening("ola boa noite")).isTrue();
    assertThat(GlobalIntents.greetingOrOpening("oi quero ver o cardapio")).isTrue();
    assertThat(GlobalIntents.greetingOrOpening("boa noite manda o cardapio por favor")).isTrue();
    assertThat(GlobalIntents.greetingOrOpening("oi uma feijoada")).isFalse();
    assertThat(GlobalIntents.greetingOrOpening("")).isFalse();
  }
}
