package com.posmodern.omnichannel.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One customer or platform event, the same shape whatever channel it came from: what the webhook
 * routes put on the inbound FIFO queue and what the chatbot services consume. Deterministic: no
 * receive-time fields, so the same webhook always yields the same JSON.
 *
 * @param schemaVersion version of this record's JSON shape
 * @param messageId the platform's message id (idempotency and deduplication key)
 * @param channel where it came from
 * @param conversationId {@code <channel>:<business id>:<customer id>}; the SQS message group
 * @param businessId our side of the conversation: the Twilio number, Page id or Instagram account
 *     id
 * @param sender the customer
 * @param kind what happened
 * @param text the text typed, if any
 * @param payload the payload of a choice or postback, if any
 * @param attachments media that came with it (empty when none)
 * @param referral ad or link attribution, if any
 * @param relatedMessageIds our message ids a delivery, read or reaction refers to (empty when none)
 * @param platformTimestamp when the platform says it happened, epoch milliseconds (0 when it does
 *     not say)
 * @param sanitized whether characters the queue cannot carry were removed or replaced in its text
 *     ({@link InboundLimits})
 */
public record CanonicalMessage(
    int schemaVersion,
    String messageId,
    Channel channel,
    String conversationId,
    String businessId,
    Sender sender,
    MessageKind kind,
    String text,
    String payload,
    List<Attachment> attachments,
    Referral referral,
    List<String> relatedMessageIds,
    long platformTimestamp,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean sanitized) {

  /** The current {@link #schemaVersion}. */
  public static final int SCHEMA_VERSION = 1;

  public CanonicalMessage {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    relatedMessageIds = relatedMessageIds == null ? List.of() : List.copyOf(relatedMessageIds);
  }

  /** A message as received, nothing sanitized. */
  public CanonicalMessage(
      int schemaVersion,
      String messageId,
      Channel channel,
      String conversationId,
      String businessId,
      Sender sender,
      MessageKind kind,
      String text,
      String payload,
      List<Attachment> attachments,
      Referral referral,
      List<String> relatedMessageIds,
      long platformTimestamp) {
    this(
        schemaVersion,
        messageId,
        channel,
        conversationId,
        businessId,
        sender,
        kind,
        text,
        payload,
        attachments,
        referral,
        relatedMessageIds,
        platformTimestamp,
        false);
  }

  /** Builds the conversation id, which is also the SQS FIFO message group. */
  public static String conversationId(Channel channel, String businessId, String customerId) {
    return channel.id() + ":" + businessId + ":" + customerId;
  }
}
