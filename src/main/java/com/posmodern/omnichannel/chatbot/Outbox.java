package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.LogMask;
import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.SendDecision;
import com.posmodern.omnichannel.canonical.reply.SendOutcome;
import com.posmodern.omnichannel.platform.metrics.OmnichannelMetrics;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reply outbox (table {@code outbound_message}): replies are written in the chatbot's
 * transaction, sent by the reply routes after it commits, and marked sent or refused. A redelivered
 * message finds its unsent replies here.
 */
public class Outbox {

  /** Where a reply is in its life. */
  public enum Status {
    /** Waiting to be sent (or to be resent after a redelivery). */
    PENDING,
    /** Not sent: the platform's messaging window does not allow it (the reason is recorded). */
    BLOCKED,
    SENT,
    DELIVERED,
    READ,
    /** Refused by the platform, or reported undelivered, with its error code. */
    FAILED
  }

  /** Exchange property the reply routes keep the outbox row in while the body becomes a request. */
  public static final String REPLY_PROPERTY = "outboundReply";

  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  private final JdbcClient jdbc;
  private final Clock clock;

  private final OmnichannelMetrics metrics;

  public Outbox(JdbcClient jdbc, Clock clock, OmnichannelMetrics metrics) {
    this.metrics = metrics;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Stores the replies to one inbound message (or event), in order, and returns them with their
   * ids.
   *
   * @param humanAgent whether a person wrote them
   */
  public List<OutboundReply> add(
      String inReplyTo, Conversation conversation, List<ReplyPart> parts, boolean humanAgent) {
    Timestamp now = Timestamp.from(clock.instant());
    for (int seq = 0; seq < parts.size(); seq++) {
      jdbc.sql(
              "insert into outbound_message (in_reply_to, seq, conversation_id, channel, business_id, recipient_id,"
                  + " part, human_agent, status, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?)")
          .params(
              inReplyTo,
              seq,
              conversation.id(),
              conversation.channel().id(),
              conversation.businessId(),
              conversation.customerId(),
              CanonicalJson.write(parts.get(seq)),
              humanAgent,
              Status.PENDING.name(),
              now,
              now)
          .update();
    }
    return pending(inReplyTo);
  }

  /** The replies to an inbound message that are not sent yet, in order. */
  public List<OutboundReply> pending(String inReplyTo) {
    return jdbc.sql(
            "select o.id, o.conversation_id, o.channel, o.business_id, o.recipient_id, o.part, o.human_agent,"
                + " c.last_inbound_at from outbound_message o left join conversation c on c.id = o.conversation_id"
                + " where o.in_reply_to = ? and o.status = ? order by o.seq")
        .params(inReplyTo, Status.PENDING.name())
        .query(
            (rs, row) ->
                new OutboundReply(
                    rs.getLong("id"),
                    rs.getString("conversation_id"),
                    Channel.fromId(rs.getString("channel")),
                    rs.getString("business_id"),
                    rs.getString("recipient_id"),
                    CanonicalJson.read(rs.getString("part"), ReplyPart.class),
                    rs.getBoolean("human_agent"),
                    rs.getTimestamp("last_inbound_at") == null
                        ? null
                        : rs.getTimestamp("last_inbound_at").toInstant()))
        .list();
  }

  /**
   * Records what the platform did with the reply: sent (with its message id) or refused (with its
   * reason, a Twilio or Graph API error code).
   */
  public void record(
      @ExchangeProperty(REPLY_PROPERTY) OutboundReply reply, @Body SendOutcome outcome) {
    try (MDC.MDCCloseable conversation = LogMask.scope(reply.conversationId())) {
      if (outcome.sent()) {
        log.info(
            "reply {} sent to {} as {}",
            reply.id(),
            reply.channel().id(),
            outcome.platformMessageId());
        metrics.reply(reply.channel(), "sent");
      } else {
        log.warn(
            "reply {} refused by {}: {} {}",
            reply.id(),
            reply.channel().id(),
            outcome.errorCode(),
            LogMask.numbers(outcome.detail()));
        metrics.reply(reply.channel(), "refused");
      }
    }
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql(
            "update outbound_message set status = ?, platform_message_id = ?, error_code = ?, error_detail = ?,"
                + " sent_at = ?, updated_at = ? where id = ? and status = ?")
        .params(
            (outcome.sent() ? Status.SENT : Status.FAILED).name(),
            outcome.platformMessageId(),
            outcome.errorCode(),
            clip(outcome.detail()),
            outcome.sent() ? now : null,
            now,
            reply.id(),
            Status.PENDING.name())
        .update();
  }

  /** Records that the send policy kept the reply back (outside the platform's window). */
  public void block(
      @ExchangeProperty(REPLY_PROPERTY) OutboundReply reply,
      @ExchangeProperty(SendDecision.PROPERTY) SendDecision decision) {
    try (MDC.MDCCloseable conversation = LogMask.scope(reply.conversationId())) {
      log.warn(
          "reply {} not sent to {}: {} ({})",
          reply.id(),
          reply.channel().id(),
          decision.code(),
          decision.reason());
    }
    metrics.reply(reply.channel(), "blocked");
    jdbc.sql(
            "update outbound_message set status = ?, error_code = ?, error_detail = ?, updated_at = ?"
                + " where id = ? and status = ?")
        .params(
            Status.BLOCKED.name(),
            decision.code(),
            clip(decision.reason()),
            Timestamp.from(clock.instant()),
            reply.id(),
            Status.PENDING.name())
        .update();
  }

  /**
   * A platform's status report for messages it accepted (by their platform message ids): delivered
   * or read. Statuses only move forward (sent → delivered → read), whatever order reports arrive
   * in.
   *
   * @return how many replies changed
   */
  public int reportStatus(Channel channel, List<String> platformMessageIds, Status status) {
    if (status != Status.DELIVERED && status != Status.READ) {
      throw new IllegalArgumentException("Not a delivery status: " + status);
    }
    int changed = 0;
    for (String platformMessageId : platformMessageIds) {
      changed +=
          jdbc.sql(
                  "update outbound_message set status = ?, updated_at = ? where channel = ? and platform_message_id = ?"
                      + " and status in (?, ?)")
              .params(
                  status.name(),
                  Timestamp.from(clock.instant()),
                  channel.id(),
                  platformMessageId,
                  Status.SENT.name(),
                  status == Status.READ ? Status.DELIVERED.name() : Status.SENT.name())
              .update();
    }
    return changed;
  }

  /**
   * Meta's delivery and read watermarks: every reply of the conversation sent before or at {@code
   * watermark} was delivered (or read)
   * (https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/message-reads).
   *
   * @return how many replies changed
   */
  public int reportStatusUpTo(String conversationId, Instant watermark, Status status) {
    if (status != Status.DELIVERED && status != Status.READ) {
      throw new IllegalArgumentException("Not a delivery status: " + status);
    }
    return jdbc.sql(
            "update outbound_message set status = ?, updated_at = ? where conversation_id = ? and sent_at <= ?"
                + " and status in (?, ?)")
        .params(
            status.name(),
            Timestamp.from(clock.instant()),
            conversationId,
            Timestamp.from(watermark),
            Status.SENT.name(),
            status == Status.READ ? Status.DELIVERED.name() : Status.SENT.name())
        .update();
  }

  /**
   * A platform's report that a message it had accepted could not be delivered (Twilio's {@code
   * failed} and {@code undelivered} callbacks), with its error code.
   *
   * @return whether a reply changed
   */
  public boolean reportFailure(
      Channel channel, String platformMessageId, String errorCode, String detail) {
    boolean changed =
        jdbc.sql(
                    "update outbound_message set status = ?, error_code = ?, error_detail = ?, updated_at = ?"
                        + " where channel = ? and platform_message_id = ? and status in (?, ?)")
                .params(
                    Status.FAILED.name(),
                    errorCode,
                    clip(detail),
                    Timestamp.from(clock.instant()),
                    channel.id(),
                    platformMessageId,
                    Status.SENT.name(),
                    Status.DELIVERED.name())
                .update()
            > 0;
    if (changed) {
      metrics.reply(channel, "undelivered");
    }
    return changed;
  }

  /**
   * The latest replies in the given states, newest first, for operators: what was not sent or not
   * delivered, and why.
   */
  public List<Row> latest(Set<Status> statuses, int limit) {
    return jdbc.sql(
            "select id, conversation_id, channel, recipient_id, part, status, platform_message_id, error_code,"
                + " error_detail, created_at, updated_at from outbound_message where status in (:statuses)"
                + " order by id desc limit :limit")
        .param("statuses", statuses.stream().map(Status::name).toList())
        .param("limit", limit)
        .query(
            (rs, row) ->
                new Row(
                    rs.getLong("id"),
                    rs.getString("conversation_id"),
                    rs.getString("channel"),
                    rs.getString("recipient_id"),
                    CanonicalJson.read(rs.getString("part"), ReplyPart.class),
                    Status.valueOf(rs.getString("status")),
                    rs.getString("platform_message_id"),
                    rs.getString("error_code"),
                    rs.getString("error_detail"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant()))
        .list();
  }

  /** One reply as operators see it. */
  public record Row(
      long id,
      String conversationId,
      String channel,
      String recipientId,
      ReplyPart part,
      Status status,
      String platformMessageId,
      String errorCode,
      String errorDetail,
      Instant createdAt,
      Instant updatedAt) {}

  private static String clip(String detail) {
    return detail == null ? null : detail.substring(0, Math.min(detail.length(), 1000));
  }
}
