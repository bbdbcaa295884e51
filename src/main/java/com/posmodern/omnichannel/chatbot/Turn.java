package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import java.util.List;

/** The outcome of one customer message: the conversation's new state and what to say. */
record Turn(Conversation conversation, List<ReplyPart> replies) {}
