package com.posmodern.omnichannel.canonical.reply;

import com.posmodern.omnichannel.canonical.Channel;

/**
 * A reply part waiting in the outbox to be sent by a channel edge: the unit the fan-out route
 * routes and the reply routes send.
 *
 * @param id the outbox row id (marks it sent or failed)
 * @param conversationId the conversation it belongs to
 * @param channel the channel to send through
 * @param businessId our side: Twilio number, Page id or Instagram account id
 * @param recipientId the customer as the platform knows them ({@code whatsapp:+55…}, PSID, IGSID)
 * @param part what to say
 * @param humanAgent written by a person answering a handed-over conversation (Meta's HUMAN_AGENT
 *     tag applies to these only)
 */
public record OutboundReply(
    long id,
    String conversationId,
    Channel channel,
    String businessId,
    String recipientId,
    ReplyPart part,
    boolean humanAgent,
    java.time.Instant customerLastMessageAt) {}
