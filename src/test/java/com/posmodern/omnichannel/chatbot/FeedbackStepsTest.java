package com.posmodern.omnichannel.chatbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedbackStepsTest {

  private final OrderBook orders = mock(OrderBook.class);
  private final FeedbackSteps feedback = new FeedbackSteps(orders);

  private static ConversationState at(Step step) {
    return ConversationState.start().withOrder("K7Q2M9XD").at(step, List.of());
  }

  @Test
  void aTappedStarRatingIsSavedAndACommentAsked() {
    TurnContext turn = Turns.tapped(at(Step.RATING), "RATE:4");

    assertThat(feedback.answer(turn)).isTrue();
    verify(orders).saveFeedback("K7Q2M9XD", "messenger:BIZ:CUSTOMER", 4, null);
    assertThat(turn.state().step()).isEqualTo(Step.COMMENT);
    assertThat(Turns.offered(turn)).containsExactly("SKIP");
  }

  @Test
  void aNumberOutsideOneToFiveIsNotARating() {
    assertThat(feedback.answer(Turns.typed(at(Step.RATING), "9"))).isFalse();
    verify(orders, never())
        .saveFeedback(
            anyString(),
            anyString(),
            org.mockito.ArgumentMatchers.anyInt(),
            org.mockito.ArgumentMatchers.any());
  }

  @Test
  void theCommentIsKeptAndThanked() {
    TurnContext turn = Turns.typed(at(Step.COMMENT), "Pizza quentinha!");

    assertThat(feedback.answer(turn)).isTrue();
    verify(orders).commentFeedback("K7Q2M9XD", "Pizza quentinha!");
    assertThat(Turns.said(turn)).contains("Obrigado pela avaliação");
    assertThat(turn.state().step()).isEqualTo(Step.BROWSING);
  }

  @Test
  void skippingTheCommentKeepsNothing() {
    TurnContext turn = Turns.tapped(at(Step.COMMENT), "SKIP");

    assertThat(feedback.answer(turn)).isTrue();
    verify(orders, never()).commentFeedback(anyString(), anyString());
  }
}
