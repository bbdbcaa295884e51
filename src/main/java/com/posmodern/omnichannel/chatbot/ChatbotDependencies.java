package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.marketing.MarketingRecorder;
import java.time.Clock;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the message path of every channel's chatbot service needs (claiming a message once, storing
 * the conversation, its history and outbox, marketing moments, bursts), shared by the three
 * per-channel services so they stay one constructor argument wide.
 */
public record ChatbotDependencies(
    TransactionTemplate transactions,
    ProcessedMessages processedMessages,
    ConversationStore conversations,
    ConversationLog log,
    Outbox outbox,
    Clock clock,
    MarketingRecorder marketing,
    ChatbotProperties settings) {}
