package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.reply.SendPolicy;
import com.posmodern.omnichannel.marketing.MarketingRecorder;
import com.posmodern.omnichannel.payment.PaymentProvider;
import com.posmodern.omnichannel.payment.PixCharges;
import com.posmodern.omnichannel.pos.catalog.MenuSource;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import java.time.Clock;
import org.springframework.context.MessageSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the conversation needs, gathered so the per-channel services stay one constructor argument
 * wide.
 */
public record ChatbotDependencies(
    TransactionTemplate transactions,
    ProcessedMessages processedMessages,
    ConversationStore conversations,
    ConversationLog log,
    Outbox outbox,
    MenuSource menu,
    MessageSource texts,
    OrderBook orders,
    PixCharges pix,
    PaymentProvider cardPayments,
    Clock clock,
    SendPolicy sendPolicy,
    MarketingRecorder marketing,
    ConsentLedger consent,
    ChatbotProperties settings) {}
