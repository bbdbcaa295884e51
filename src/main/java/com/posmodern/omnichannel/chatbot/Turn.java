package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.marketing.MarketingSignal;
import java.util.List;

/**
 * The outcome of one customer message: the conversation's new state, what to say, the marketing
 * moments it reached, and (once stored in the outbox) the replies to send.
 */
record Turn(
    Conversation conversation,
    List<ReplyPart> replies,
    List<MarketingSignal> signals,
    List<OutboundReply> sent) {

  Turn(Conversation conversation, List<ReplyPart> replies, List<MarketingSignal> signals) {
    this(conversation, replies, List.copyOf(signals), List.of());
  }

  Turn withSent(List<OutboundReply> outbox) {
    return new Turn(conversation, replies, signals, outbox);
  }
}
