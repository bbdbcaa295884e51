package com.posmodern.omnichannel.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.reply.CardsPart;
import com.posmodern.omnichannel.canonical.reply.ImagePart;
import com.posmodern.omnichannel.chatbot.ConversationState.PendingItem;
import com.posmodern.omnichannel.chatbot.ConversationState.PendingQuestion;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class MenuStepsTest {

  private final CartSteps cart = new CartSteps(new Prompts());
  private final MenuSteps menu = new MenuSteps(new Prompts(), cart);

  @Test
  void aPizzaIsConfiguredSizeThenAddOnsThenQuantityAndGoesIntoTheCart() {
    TurnContext picked = Turns.tapped(ConversationState.start(), "ITEM:pizza-calabresa");
    menu.chooseItem(picked, "pizza-calabresa", 0, List.of());
    assertThat(picked.done().replies()).first().isInstanceOf(ImagePart.class);
    assertThat(Turns.offered(picked)).containsExactly("VARIANT:media", "VARIANT:grande");

    TurnContext size = next(picked, "VARIANT:grande");
    assertThat(size.state().step()).isEqualTo(Step.CHOOSING_ADDONS);
    assertThat(Turns.offered(size)).contains("ADDONS_DONE", "ADDON:borda-catupiry");

    TurnContext addon = next(size, "ADDON:borda-catupiry");
    assertThat(addon.state().pending().addonIds()).containsExactly("borda-catupiry");

    TurnContext done = next(addon, "ADDONS_DONE");
    assertThat(Turns.offered(done)).startsWith("QTY:1", "QTY:2");

    TurnContext quantity = next(done, "QTY:1");
    assertThat(quantity.state().cart())
        .singleElement()
        .satisfies(line -> assertThat(line.totalCents()).isEqualTo(6390));
    assertThat(Turns.said(quantity))
        .contains(
            "Adicionei 1x Pizza de Calabresa (Grande) + Borda recheada de Catupiry (R$ 63,90)");
    assertThat(Turns.offered(quantity)).containsExactly("CHECKOUT", "MENU", "CART");
  }

  @Test
  void aTypedQuantityAnswersTheQuantityQuestion() {
    ConversationState asked =
        ConversationState.start()
            .withPending(new PendingItem("pudim", null, List.of(), 0))
            .at(Step.CHOOSING_QUANTITY, List.of("QTY:1", "QTY:2", "QTY:3", "QTY:4", "QTY:5"));

    TurnContext turn = Turns.typed(asked, "12");

    assertThat(menu.answer(turn)).isTrue();
    assertThat(turn.state().cart().get(0).quantity()).isEqualTo(12);
  }

  @Test
  void textThatAnswersNoOptionIsNotTaken() {
    ConversationState asked =
        ConversationState.start()
            .withPending(new PendingItem("pizza-calabresa", null, List.of(), 0))
            .at(Step.CHOOSING_VARIANT, List.of("VARIANT:media", "VARIANT:grande"));

    assertThat(menu.answer(Turns.typed(asked, "a feijoada chegou morna"))).isFalse();
  }

  @Test
  void aCategoryIsCardsOnMessengerAndAPricedListOnWhatsApp() {
    TurnContext messenger = Turns.tapped(ConversationState.start(), "CATEGORY:pizzas");
    menu.showCategory(messenger, "pizzas");
    assertThat(messenger.done().replies()).anyMatch(CardsPart.class::isInstance);

    TurnContext whatsApp =
        Turns.turn(Channel.WHATSAPP, ConversationState.start(), null, "CATEGORY:pizzas");
    menu.showCategory(whatsApp, "pizzas");
    assertThat(whatsApp.done().replies()).noneMatch(CardsPart.class::isInstance);
    assertThat(Turns.said(whatsApp)).contains("Pizza de Calabresa — a partir de R$ 44,90");
    assertThat(Turns.offered(whatsApp)).contains("ITEM:pizza-calabresa").endsWith("MENU");
  }

  @Test
  void aTypedOrdersAmbiguousItemIsAskedAsAQuestion() {
    ConversationState withQuestion =
        ConversationState.start()
            .withQuestions(
                List.of(new PendingQuestion(List.of("coca-cola", "guarana"), 1, List.of())));
    TurnContext turn = Turns.typed(withQuestion, "");

    assertThat(menu.nextQuestion(turn)).isTrue();
    assertThat(turn.state().step()).isEqualTo(Step.CHOOSING_ITEM);
    assertThat(Turns.offered(turn)).containsExactly("ITEM:coca-cola", "ITEM:guarana");
  }

  private static TurnContext next(TurnContext previous, String payload) {
    TurnContext turn = Turns.tapped(previous.done().conversation().state(), payload);
    new MenuSteps(new Prompts(), new CartSteps(new Prompts())).answer(turn);
    return turn;
  }

  @Test
  void addOnLabelsStayDistinctWhenButtonsCutThemShort() {
    List<com.posmodern.omnichannel.pos.catalog.Menu.Addon> addons =
        List.of(
            new com.posmodern.omnichannel.pos.catalog.Menu.Addon(
                "borda-catupiry", "Borda recheada de Catupiry", 900),
            new com.posmodern.omnichannel.pos.catalog.Menu.Addon(
                "borda-cheddar", "Borda recheada de cheddar", 900),
            new com.posmodern.omnichannel.pos.catalog.Menu.Addon(
                "azeitona-extra", "Azeitonas extras", 400));

    assertThat(MenuSteps.addonLabels(addons))
        .containsExactly(
            java.util.Map.entry("borda-catupiry", "Borda Catupiry"),
            java.util.Map.entry("borda-cheddar", "Borda cheddar"),
            java.util.Map.entry("azeitona-extra", "Azeitonas extras"));
  }
}
