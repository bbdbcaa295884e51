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
  void aNumberOutsideOneToFiveIsNotARatingAndTheQuestionIsAskedAgain() {
    TurnContext turn = Turns.typed(at(Step.RATING), "9");

    assertThat(feedback.answer(turn)).isTrue();
    assertThat(turn.state().step()).isEqualTo(Step.RATING);
    assertThat(Turns.offered(turn))
        .containsExactly("RATE:1", "RATE:2", "RATE:3", "RATE:4", "RATE:5");
    verify(orders, never())
        .saveFeedback(
            anyString(),
            anyString(),
            org.mockito.ArgumentMatchers.anyInt(),
            org.mockito.ArgumentMatchers.any());
  }

  @Test
  void aRatingIsReadAsPeopleTypeItAndWhatFollowsIsTheComment() {
    assertThat(FeedbackSteps.typedRating("nota 4, demorou um pouco")).isEqualTo(4);
    assertThat(FeedbackSteps.typedRating("4 estrelas")).isEqualTo(4);
    assertThat(FeedbackSteps.typedRating("dou 5")).isEqualTo(5);
    assertThat(FeedbackSteps.typedRating("cinco")).isEqualTo(5);
    assertThat(FeedbackSteps.typedRating("4/5")).isEqualTo(4);
    assertThat(FeedbackSteps.typedRating("⭐⭐⭐")).isEqualTo(3);
    assertThat(FeedbackSteps.typedRating("A feijoada chegou morna")).isNull();
    assertThat(FeedbackSteps.typedRating("2 feijoadas")).isNull();
    assertThat(FeedbackSteps.commentAfterRating("nota 4, demorou um pouco"))
        .isEqualTo("demorou um pouco");
    assertThat(FeedbackSteps.commentAfterRating("5")).isEmpty();

    TurnContext turn = Turns.typed(at(Step.RATING), "nota 2, veio frio");
    assertThat(feedback.answer(turn)).isTrue();
    verify(orders).saveFeedback("K7Q2M9XD", "messenger:BIZ:CUSTOMER", 2, null);
    verify(orders).commentFeedback("K7Q2M9XD", "veio frio");
    assertThat(turn.state().step()).isEqualTo(Step.BROWSING);
  }

  @Test
  void aComplaintWhileTheRatingIsAskedIsNeverAnOrder() {
    TurnContext turn = Turns.typed(at(Step.RATING), "A feijoada chegou morna");

    assertThat(feedback.answer(turn)).isTrue();
    assertThat(turn.state().cart()).isEmpty();
    assertThat(turn.state().step()).isEqualTo(Step.RATING);
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
