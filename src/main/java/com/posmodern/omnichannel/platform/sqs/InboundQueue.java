package com.posmodern.omnichannel.platform.sqs;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.LogMask;
import com.posmodern.omnichannel.platform.metrics.OmnichannelMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The inbound FIFO queue as the webhook routes see it: puts canonical messages on it with the
 * conversation as the message group and the platform message id as the deduplication id, each on
 * its conversation's shard ({@link InboundShards}). Called by the {@code enqueue-canonical} route.
 */
public class InboundQueue {

  private static final Logger log = LoggerFactory.getLogger(InboundQueue.class);

  /** Message attribute carrying the channel, for content-based routing in the consumer. */
  public static final String CHANNEL_ATTRIBUTE = "channel";

  /** Message attribute carrying the conversation id, for logs and the order guard. */
  public static final String CONVERSATION_ATTRIBUTE = "conversationId";

  /** SQS accepts up to 128 characters from this set as deduplication and group ids. */
  private static final Pattern SQS_ID = Pattern.compile("[\\p{Alnum}\\p{Punct}]{1,128}");

  private final InboundShards shards;

  private final OmnichannelMetrics metrics;

  public InboundQueue(InboundShards shards, OmnichannelMetrics metrics) {
    this.shards = shards;
    this.metrics = metrics;
  }

  /**
   * Enqueues every message of one webhook request; returns once SQS has accepted all of them. A
   * request with several conversations (Meta batches entries) writes each shard's part in turn, in
   * the request's order.
   */
  public void enqueueAll(List<CanonicalMessage> messages) {
    Map<FifoQueueWriter, List<FifoQueueWriter.FifoMessage>> byShard = new LinkedHashMap<>();
    for (CanonicalMessage message : messages) {
      String group = sqsId(message.conversationId());
      byShard
          .computeIfAbsent(shards.writerFor(group), writer -> new ArrayList<>())
          .add(
              new FifoQueueWriter.FifoMessage(
                  group,
                  sqsId(message.messageId()),
                  CanonicalJson.write(message),
                  Map.of(
                      CHANNEL_ATTRIBUTE, message.channel().id(),
                      CONVERSATION_ATTRIBUTE, message.conversationId())));
    }
    byShard.forEach(FifoQueueWriter::sendAll);
    for (CanonicalMessage message : messages) {
      metrics.messageIn(
          message.channel(), message.kind().name().toLowerCase(java.util.Locale.ROOT));
      try (MDC.MDCCloseable conversation = LogMask.scope(message.conversationId())) {
        log.info("{} {} queued", message.kind(), message.messageId());
      }
    }
  }

  /**
   * The id itself when SQS accepts it, otherwise its SHA-256 (same input, same id: deduplication
   * still holds).
   */
  public static String sqsId(String id) {
    if (SQS_ID.matcher(id).matches()) {
      return id;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
