package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.LogMask;
import com.posmodern.omnichannel.canonical.MessageKind;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves our replies on as the platforms report them delivered, read or failed: by message id, and
 * by Meta's watermark (every reply sent before or at it). The {@code chatbot-consume} routes send
 * the status reports here instead of to the chatbot; nothing is answered. Applying a report twice
 * (an SQS redelivery) changes nothing more.
 */
public class DeliveryReports {

  /**
   * Messages sent outside the conversation's outbox (campaigns) that want their reports too.
   *
   * @see #record
   */
  public interface OtherMessages {

    /**
     * Applies a report to those of the messages it knows; returns how many changed.
     *
     * @param conversationId the conversation the reported messages went to
     * @param status {@code delivered}, {@code read} or {@code failed}
     * @param errorCode the platform's error code of a failure (null otherwise)
     */
    int report(
        Channel channel,
        String conversationId,
        List<String> messageIds,
        String status,
        String errorCode);
  }

  private static final Logger log = LoggerFactory.getLogger(DeliveryReports.class);

  private final TransactionTemplate transactions;
  private final Outbox outbox;
  private final List<OtherMessages> otherMessages;

  public DeliveryReports(
      TransactionTemplate transactions, Outbox outbox, List<OtherMessages> otherMessages) {
    this.transactions = transactions;
    this.outbox = outbox;
    this.otherMessages = List.copyOf(otherMessages);
  }

  /** Records one report; refuses a message that is not one. */
  public void record(@Body CanonicalMessage report) {
    if (!report.kind().statusReport()) {
      throw new IllegalArgumentException(report.kind() + " is not a delivery report");
    }
    try (MDC.MDCCloseable conversation = LogMask.scope(report.conversationId())) {
      Integer changed = transactions.execute(status -> apply(report));
      log.debug("{} report: {} reply(ies) updated", report.kind(), changed);
    }
  }

  private int apply(CanonicalMessage report) {
    String other =
        report.kind() == MessageKind.FAILED
            ? "failed"
            : report.kind() == MessageKind.READ ? "read" : "delivered";
    int others = 0;
    for (OtherMessages messages : otherMessages) {
      others +=
          messages.report(
              report.channel(),
              report.conversationId(),
              report.relatedMessageIds(),
              other,
              report.kind() == MessageKind.FAILED ? report.payload() : null);
    }
    return others + applyToOutbox(report);
  }

  private int applyToOutbox(CanonicalMessage report) {
    if (report.kind() == MessageKind.FAILED) {
      int changed = 0;
      for (String id : report.relatedMessageIds()) {
        changed +=
            outbox.reportFailure(report.channel(), id, report.payload(), report.text()) ? 1 : 0;
      }
      return changed;
    }
    Outbox.Status status =
        report.kind() == MessageKind.READ ? Outbox.Status.READ : Outbox.Status.DELIVERED;
    int changed = outbox.reportStatus(report.channel(), report.relatedMessageIds(), status);
    Instant watermark = watermark(report.payload());
    if (watermark != null) {
      changed += outbox.reportStatusUpTo(report.conversationId(), watermark, status);
    }
    return changed;
  }

  private static Instant watermark(String payload) {
    if (payload == null || payload.isBlank()) {
      return null;
    }
    try {
      return Instant.ofEpochMilli(Long.parseLong(payload.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
