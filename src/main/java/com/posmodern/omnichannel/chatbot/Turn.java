package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import java.util.List;

/**
 * The outcome of one customer message: the conversation's new state, what to say, and (once stored
 * in the outbox) the replies to send.
 */
record Turn(Conversation conversation, List<ReplyPart> replies, List<OutboundReply> sent) {

  Turn(Conversation conversation, List<ReplyPart> replies) {
    this(conversation, replies, List.of());
  }

  Turn withSent(List<OutboundReply> outbox) {
    return new Turn(conversation, replies, outbox);
  }
}
