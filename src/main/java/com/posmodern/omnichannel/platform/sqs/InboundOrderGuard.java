package com.posmodern.omnichannel.platform.sqs;

import com.posmodern.omnichannel.canonical.LogMask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * Keeps each conversation in order when a message fails. SQS FIFO hands a consumer several messages
 * of one group in one receive; if the first fails (it stays on the queue for redelivery), the ones
 * after it in that receive must not be processed before it. This guard remembers the failed message
 * per conversation until it is redelivered and succeeds (or the visibility timeout has long passed)
 * and refuses the others meanwhile, so they stay on the queue behind it. It also refuses a message
 * whose visibility timeout has (nearly) run out while it waited behind the others of its receive
 * (slow replies, a frozen queue server): SQS may already have handed it, and the rest of its
 * conversation, to another consumer, and processing it here too could answer the conversation out
 * of order. Called by the {@code chatbot-consume} route and its error policy.
 */
public class InboundOrderGuard {

  private record Failure(String messageId, Instant until) {}

  private final Map<String, Failure> failures = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration hold;
  private final Duration usable;
  private final Clock wall;

  /**
   * @param hold how long a failure blocks its conversation at most: twice the queue's visibility
   *     timeout
   * @param visibilityTimeout the queue's visibility timeout
   */
  public InboundOrderGuard(Clock clock, Duration hold, Duration visibilityTimeout) {
    this(clock, hold, visibilityTimeout, Clock.systemUTC());
  }

  /**
   * @param wall the real time the queue's visibility timeouts run on (not the app's clock, which
   *     tests may set)
   */
  InboundOrderGuard(Clock clock, Duration hold, Duration visibilityTimeout, Clock wall) {
    this.clock = clock;
    this.hold = hold;
    // A margin for the time between SQS starting the timeout and the consumer getting the message:
    // a tenth of it, at most two seconds.
    Duration margin = visibilityTimeout.dividedBy(10);
    this.usable = visibilityTimeout.minus(margin.compareTo(MAX_MARGIN) > 0 ? MAX_MARGIN : margin);
    this.wall = wall;
  }

  private static final Duration MAX_MARGIN = Duration.ofSeconds(2);

  /**
   * Lets the message through unless an earlier message of its conversation is waiting for
   * redelivery, or the message's visibility timeout has run out since it was received.
   */
  public void checkInOrder(
      @Header(InboundQueue.CONVERSATION_ATTRIBUTE) String conversationId,
      @Header("CamelAwsSqsMessageId") String sqsMessageId,
      Exchange exchange) {
    check(conversationId, sqsMessageId, Instant.ofEpochMilli(exchange.getClock().getCreated()));
  }

  void check(String conversationId, String sqsMessageId, Instant received) {
    if (wall.instant().isAfter(received.plus(usable))) {
      throw new OutOfOrderException(
          "SQS message "
              + sqsMessageId
              + " of conversation "
              + LogMask.conversation(conversationId)
              + " waited past its visibility timeout; SQS delivers it again");
    }
    Failure failure = failures.get(conversationId);
    if (failure == null) {
      return;
    }
    if (failure.until().isBefore(clock.instant())) {
      failures.remove(conversationId, failure);
      return;
    }
    if (!failure.messageId().equals(sqsMessageId)) {
      throw new OutOfOrderException(
          "conversation "
              + LogMask.conversation(conversationId)
              + " waits for the redelivery of SQS message "
              + failure.messageId());
    }
  }

  /** The message's conversation id as logs may show it. */
  public String maskedConversation(
      @Header(InboundQueue.CONVERSATION_ATTRIBUTE) String conversationId) {
    return LogMask.conversation(conversationId);
  }

  /** Records that this message failed; later messages of its conversation wait for it. */
  public void failed(
      @Header(InboundQueue.CONVERSATION_ATTRIBUTE) String conversationId,
      @Header("CamelAwsSqsMessageId") String sqsMessageId) {
    if (conversationId != null && sqsMessageId != null) {
      failures.putIfAbsent(conversationId, new Failure(sqsMessageId, clock.instant().plus(hold)));
    }
  }

  /**
   * Records that this message succeeded; if it was the one its conversation waited for, the wait is
   * over.
   */
  public void succeeded(
      @Header(InboundQueue.CONVERSATION_ATTRIBUTE) String conversationId,
      @Header("CamelAwsSqsMessageId") String sqsMessageId) {
    if (conversationId != null) {
      failures.computeIfPresent(
          conversationId,
          (id, failure) -> failure.messageId().equals(sqsMessageId) ? null : failure);
    }
  }

  /** Thrown for a message that must wait behind an earlier failed one of its conversation. */
  public static class OutOfOrderException extends RuntimeException {

    OutOfOrderException(String message) {
      super(message);
    }
  }
}
