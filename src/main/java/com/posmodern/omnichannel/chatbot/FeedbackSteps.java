package com.posmodern.omnichannel.chatbot;

import static com.posmodern.omnichannel.chatbot.Payloads.RATE;

import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import java.util.List;
import java.util.Set;

/**
 * Feedback after delivery: the rating from 1 to 5 (asked by the order events when the POS reports
 * the order delivered), then an optional comment, both kept with the order. Answers the {@code
 * RATING} and {@code COMMENT} steps.
 */
final class FeedbackSteps implements StepHandler {

  private static final Set<String> NO_COMMENT = Set.of("nao", "nao obrigado", "nada", "n");
  private static final int MAX_COMMENT = 1000;

  private final OrderBook orders;

  FeedbackSteps(OrderBook orders) {
    this.orders = orders;
  }

  @Override
  public Set<Step> steps() {
    return Set.of(Step.RATING, Step.COMMENT);
  }

  @Override
  public boolean answer(TurnContext turn) {
    String input = turn.input();
    String orderId = turn.state().orderId();
    if (turn.state().step() == Step.RATING) {
      Integer rating =
          input.startsWith(RATE)
              ? Integer.valueOf(input.substring(RATE.length()))
              : turn.typedNumber();
      if (rating == null || rating < 1 || rating > 5 || orderId == null) {
        return false;
      }
      orders.saveFeedback(orderId, turn.conversation().id(), rating, null);
      turn.signal(
          ConversationMoment.ORDER_RATED,
          new EventData(null, null, List.of(), null, null, orderId));
      turn.ask(
          Step.COMMENT,
          turn.texts().get("feedback.comment.question"),
          List.of(new Choice("SKIP", turn.texts().get("choice.skip"))));
      return true;
    }
    if (!input.equals("SKIP") && !NO_COMMENT.contains(turn.normalized()) && orderId != null) {
      orders.commentFeedback(
          orderId, input.length() > MAX_COMMENT ? input.substring(0, MAX_COMMENT) : input);
    }
    turn.state(turn.state().at(Step.BROWSING, List.of()));
    turn.say(turn.texts().get("feedback.thanks"));
    return true;
  }
}
