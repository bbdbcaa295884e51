package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.Channel;
import java.time.Instant;
import java.util.Locale;

/**
 * One customer's conversation with the restaurant on one channel, as stored.
 *
 * @param isNew true until it is first saved
 */
public record Conversation(
    String id,
    Channel channel,
    String businessId,
    String customerId,
    String customerName,
    String customerPhone,
    Locale locale,
    ConversationState state,
    Instant lastInboundAt,
    boolean isNew) {

  /** The same conversation with the name the platform now gives the customer. */
  public Conversation withCustomerName(String name) {
    return new Conversation(
        id,
        channel,
        businessId,
        customerId,
        name,
        customerPhone,
        locale,
        state,
        lastInboundAt,
        isNew);
  }

  /** The same conversation in another language. */
  public Conversation withLocale(Locale next) {
    return new Conversation(
        id,
        channel,
        businessId,
        customerId,
        customerName,
        customerPhone,
        next,
        state,
        lastInboundAt,
        isNew);
  }

  /** The same conversation in a new state. */
  public Conversation withState(ConversationState next) {
    return new Conversation(
        id,
        channel,
        businessId,
        customerId,
        customerName,
        customerPhone,
        locale,
        next,
        lastInboundAt,
        isNew);
  }
}
