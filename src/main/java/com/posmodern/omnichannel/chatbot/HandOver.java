package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import java.util.List;

/**
 * The hand-over to a person: asked for, or after too many messages the bot did not understand.
 * While a person answers ({@code HUMAN}), the bot stays silent; the agent API hands back.
 */
final class HandOver {

  void handOver(TurnContext turn, boolean becauseMisunderstood) {
    turn.signal(ConversationMoment.SUPPORT_REQUESTED, EventData.none());
    ConversationState state = turn.state();
    turn.state(
        new ConversationState(
            Step.HUMAN,
            state.category(),
            List.of(),
            state.pending(),
            List.of(),
            state.cart(),
            state.checkout(),
            state.orderId(),
            0,
            null));
    turn.say(
        turn.texts().get(becauseMisunderstood ? "human.handover.misunderstood" : "human.handover"));
  }
}
