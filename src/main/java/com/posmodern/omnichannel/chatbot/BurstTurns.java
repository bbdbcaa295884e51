package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import java.util.List;
import org.apache.camel.Body;

/**
 * Answers the bursts of typed messages whose window has passed ("oi" / "quero pizza" / "grande"
 * read as one turn). Called by the {@code burst-flush} route on a timer, which answers the due
 * conversations in parallel (each appears once per poll, so each stays in order); any instance may
 * answer a burst, once.
 */
public class BurstTurns {

  /** Bursts taken per poll, oldest first; the rest wait for the next poll. */
  static final int MAX_PER_POLL = 500;

  private final ConversationStore conversations;
  private final java.time.Clock clock;
  private final Chatbots chatbots;

  public BurstTurns(ConversationStore conversations, java.time.Clock clock, Chatbots chatbots) {
    this.conversations = conversations;
    this.clock = clock;
    this.chatbots = chatbots;
  }

  /** The conversations whose burst is now due (empty most of the time). */
  public List<ConversationStore.DueBurst> due() {
    return conversations.burstsDue(clock.instant(), MAX_PER_POLL);
  }

  /**
   * The replies to one due burst; none when another instance answered it or more messages came
   * meanwhile.
   */
  public List<OutboundReply> answer(@Body ConversationStore.DueBurst due) {
    return chatbots.of(due.channel()).answerBurstIfDue(due.conversationId());
  }
}
