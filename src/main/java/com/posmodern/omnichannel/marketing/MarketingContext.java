package com.posmodern.omnichannel.marketing;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.marketing.MarketingEvent.CustomerData;
import java.time.Instant;

/**
 * Where the signals of one turn come from: the conversation, the customer as known so far, and the
 * customer message that caused them (its id makes the event ids, its time the event time).
 */
public record MarketingContext(
    String conversationId,
    Channel channel,
    String businessId,
    String customerScopedId,
    CustomerData customer,
    String sourceMessageId,
    Instant occurredAt) {}
