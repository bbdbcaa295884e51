package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.SendOutcome;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reply outbox (table {@code outbound_message}): replies are written in the chatbot's
 * transaction, sent by the reply routes after it commits, and marked sent or refused. A redelivered
 * message finds its unsent replies here.
 */
public class Outbox {

  /** Where a reply is in its life. */
  public enum Status {
    PENDING,
    SENT,
    FAILED
  }

  /** Exchange property the reply routes keep the outbox row in while the body becomes a request. */
  public static final String REPLY_PROPERTY = "outboundReply";

  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  private final JdbcClient jdbc;
  private final Clock clock;

  public Outbox(JdbcClient jdbc, Clock clock) {
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
            "select id, conversation_id, channel, business_id, recipient_id, part, human_agent from outbound_message"
                + " where in_reply_to = ? and status = ? order by seq")
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
                    rs.getBoolean("human_agent")))
        .list();
  }

  /**
   * Records what the platform did with the reply: sent (with its message id) or refused (with its
   * reason).
   */
  public void record(
      @ExchangeProperty(REPLY_PROPERTY) OutboundReply reply, @Body SendOutcome outcome) {
    if (!outcome.sent()) {
      log.warn(
          "[{}] reply {} refused by {}: {} {}",
          reply.conversationId(),
          reply.id(),
          reply.channel().id(),
          outcome.errorCode(),
          outcome.detail());
    }
    String detail =
        outcome.detail() == null
            ? null
            : outcome.detail().substring(0, Math.min(outcome.detail().length(), 1000));
    jdbc.sql(
            "update outbound_message set status = ?, platform_message_id = ?, error_code = ?, error_detail = ?,"
                + " updated_at = ? where id = ?")
        .params(
            (outcome.sent() ? Status.SENT : Status.FAILED).name(),
            outcome.platformMessageId(),
            outcome.errorCode(),
            detail,
            Timestamp.from(clock.instant()),
            reply.id())
        .update();
  }
}
