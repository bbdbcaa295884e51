package com.posmodern.omnichannel.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.chatbot.ConversationState.PendingItem;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.pos.catalog.Menu;
import java.util.List;
import org.junit.jupiter.api.Test;

class CartStepsTest {

  private final CartSteps cart = new CartSteps(new Prompts());

  private static CartLine largeCalabresa(int quantity) {
    Menu.Item pizza = Turns.MENU.item("pizza-calabresa").orElseThrow();
    return CartSteps.line(pizza, pizza.variant("grande").orElseThrow(), List.of(), quantity);
  }

  @Test
  void theSameChoiceAddsUpInOneLinePricedFromTheMenu() {
    TurnContext turn = Turns.typed(ConversationState.start(), "");

    cart.add(turn, largeCalabresa(1));
    cart.add(turn, largeCalabresa(2));

    assertThat(turn.state().cart())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.quantity()).isEqualTo(3);
              assertThat(line.totalCents()).isEqualTo(3 * 5490);
            });
  }

  @Test
  void aLineIsLoweredByOneThenRemoved() {
    ConversationState editing =
        ConversationState.start()
            .withCart(List.of(largeCalabresa(2)))
            .withPending(new PendingItem("pizza-calabresa", "grande", List.of(), 0))
            .at(Step.EDITING_LINE, List.of("INC", "DEC", "REMOVE", "CART"));

    TurnContext lower = Turns.tapped(editing, "DEC");
    assertThat(cart.answer(lower)).isTrue();
    assertThat(lower.state().cart().get(0).quantity()).isEqualTo(1);
    assertThat(lower.state().step()).isEqualTo(Step.CART);

    TurnContext remove = Turns.tapped(editing, "REMOVE");
    assertThat(cart.answer(remove)).isTrue();
    assertThat(remove.state().cart()).isEmpty();
    assertThat(Turns.said(remove)).contains("carrinho está vazio");
  }

  @Test
  void aTypedNumberSetsTheLinesQuantity() {
    ConversationState editing =
        ConversationState.start()
            .withCart(List.of(largeCalabresa(2)))
            .withPending(new PendingItem("pizza-calabresa", "grande", List.of(), 0))
            .at(Step.EDITING_LINE, List.of());

    TurnContext turn = Turns.typed(editing, "7");

    assertThat(cart.answer(turn)).isTrue();
    assertThat(turn.state().cart().get(0).quantity()).isEqualTo(7);
  }

  @Test
  void clearingTheCartOffersTheCategories() {
    ConversationState atCart =
        ConversationState.start().withCart(List.of(largeCalabresa(1))).at(Step.CART, List.of());

    TurnContext turn = Turns.tapped(atCart, "CLEAR_CART");

    assertThat(cart.answer(turn)).isTrue();
    assertThat(turn.state().cart()).isEmpty();
    assertThat(Turns.offered(turn)).first().isEqualTo("CATEGORY:pizzas");
  }

  @Test
  void somethingElseAtTheCartIsNotItsAnswer() {
    ConversationState atCart =
        ConversationState.start().withCart(List.of(largeCalabresa(1))).at(Step.CART, List.of());

    assertThat(cart.answer(Turns.typed(atCart, "quanto custa a entrega?"))).isFalse();
  }

  @Test
  void theCartIsShownWithItsLinesAndSubtotal() {
    TurnContext turn =
        Turns.typed(ConversationState.start().withCart(List.of(largeCalabresa(2))), "");

    cart.show(turn);

    assertThat(Turns.said(turn))
        .contains("2x Pizza de Calabresa (Grande) — R$ 109,80", "Subtotal: R$ 109,80");
    assertThat(Turns.offered(turn)).containsExactly("CHECKOUT", "MENU", "EDIT_CART", "CLEAR_CART");
  }

  @Test
  void aTypedRemovalTakesTheNamedItemOrAsManyAsTyped() {
    Menu.Item coke = Turns.MENU.item("coca-cola").orElseThrow();
    CartLine cans = CartSteps.line(coke, coke.variant("lata").orElseThrow(), List.of(), 3);
    ConversationState state = ConversationState.start().withCart(List.of(largeCalabresa(1), cans));

    TurnContext one = Turns.typed(state, "");
    cart.removeTyped(one, "uma coca lata");
    assertThat(one.state().cart()).extracting(CartLine::quantity).containsExactly(1, 2);
    assertThat(Turns.said(one)).contains("Tirei do carrinho: 1x Coca-Cola (Lata 350 ml)");

    TurnContext all = Turns.typed(state, "");
    cart.removeTyped(all, "pizza");
    assertThat(all.state().cart()).extracting(CartLine::itemId).containsExactly("coca-cola");

    TurnContext absent = Turns.typed(state, "");
    cart.removeTyped(absent, "guarana");
    assertThat(absent.state().cart()).hasSize(2);
    assertThat(Turns.said(absent)).contains("Não encontrei “guarana” no seu carrinho");
  }
}
