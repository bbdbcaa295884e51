package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Answers the bursts of typed messages whose window has passed ("oi" / "quero pizza" / "grande"
 * read as one turn). Called by the {@code burst-flush} route on a timer; any instance may answer a
 * burst, once.
 */
public class BurstTurns {

  private final ConversationStore conversations;
  private final java.time.Clock clock;
  private final Map<Channel, BaseChatbotService> services;

  public BurstTurns(ChatbotDependencies deps, List<BaseChatbotService> services) {
    this.conversations = deps.conversations();
    this.clock = deps.clock();
    this.services =
        services.stream()
            .collect(Collectors.toMap(BaseChatbotService::channel, Function.identity()));
  }

  /** The replies of every burst now due (empty most of the time). */
  public List<OutboundReply> answerDue() {
    List<OutboundReply> replies = new ArrayList<>();
    for (ConversationStore.DueBurst due : conversations.burstsDue(clock.instant())) {
      replies.addAll(services.get(due.channel()).answerBurstIfDue(due.conversationId()));
    }
    return replies;
  }
}
