package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.chatbot.menu.MenuSource;
import org.springframework.context.MessageSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every chatbot service needs, gathered so the per-channel services stay one constructor
 * argument wide.
 */
public record ChatbotDependencies(
    TransactionTemplate transactions,
    ProcessedMessages processedMessages,
    ConversationStore conversations,
    Outbox outbox,
    MenuSource menu,
    MessageSource texts) {}
