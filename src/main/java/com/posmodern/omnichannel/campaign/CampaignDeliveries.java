package com.posmodern.omnichannel.campaign;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.chatbot.DeliveryReports;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Campaign messages move on as Twilio's status callbacks report them: sent, then delivered, then
 * read (never back), or failed with Twilio's error code (63016, 63024, …). A message Twilio failed
 * with 63018 (the sender's rate limit) was not delivered, and Twilio's advice is to send it again
 * later: it waits for a later tick, within the campaign's attempts. A report can come before the
 * send's own answer is recorded (the message is still {@code sending}): it is kept on the recipient
 * and applied by {@link #applyEarly} once the answer names the same message SID.
 */
public class CampaignDeliveries implements DeliveryReports.OtherMessages {

  /** Twilio: rate limit exceeded for the sender (https://www.twilio.com/docs/api/errors/63018). */
  static final String RATE_LIMITED = "63018";

  private final JdbcClient jdbc;
  private final CampaignProperties properties;
  private final MeterRegistry meters;
  private final Clock clock;

  public CampaignDeliveries(
      JdbcClient jdbc, CampaignProperties properties, MeterRegistry meters, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
  }

  /** Twilio's statuses in the order a message goes through them; a failure ends it. */
  private static final List<String> PROGRESS = List.of("delivered", "read", "failed");

  @Override
  public int report(
      Channel channel,
      String conversationId,
      List<String> messageIds,
      String status,
      String errorCode) {
    if (channel != Channel.WHATSAPP || messageIds.isEmpty()) {
      return 0;
    }
    int changed = apply(messageIds, status, errorCode);
    if (changed == 0 && conversationId != null && !aReply(messageIds.get(0))) {
      changed += keepEarly(conversationId, messageIds.get(0), status, errorCode);
      if (changed == 0) {
        // The answer was recorded meanwhile (and found nothing kept): the report applies now.
        changed += apply(messageIds, status, errorCode);
      }
    }
    return changed;
  }

  /**
   * Applies the report kept while the message was being sent, once its answer is recorded with the
   * same SID; nothing when none was kept.
   */
  void applyEarly(String campaignId, String conversationId, String messageSid) {
    jdbc.sql(
            "select early_status, early_error_code from campaign_recipient where campaign_id = ?"
                + " and conversation_id = ? and early_message_sid = ?")
        .params(campaignId, conversationId, messageSid)
        .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
        .optional()
        .ifPresent(
            early -> {
              jdbc.sql(
                      "update campaign_recipient set early_message_sid = null, early_status = null,"
                          + " early_error_code = null where campaign_id = ? and conversation_id = ?")
                  .params(campaignId, conversationId)
                  .update();
              apply(List.of(messageSid), early[0], early[1]);
            });
  }

  /**
   * A report for a message this conversation's campaign recipient is still sending: kept (the
   * furthest status wins) until the send's answer is recorded.
   */
  private int keepEarly(String conversationId, String sid, String status, String errorCode) {
    return jdbc.sql(
            "update campaign_recipient set early_message_sid = ?, early_status = ?,"
                + " early_error_code = ? where conversation_id = ? and status = 'sending'"
                + " and (early_message_sid is null or early_message_sid <> ?"
                + " or early_status = 'delivered' and ? <> 'delivered')")
        .params(sid, status, errorCode, conversationId, sid, status)
        .update();
  }

  /** Whether the message is one of the conversation's replies (the outbox has its reports). */
  private boolean aReply(String sid) {
    return jdbc.sql(
                "select count(*) from outbound_message where channel = ? and platform_message_id = ?")
            .params(Channel.WHATSAPP.id(), sid)
            .query(Integer.class)
            .single()
        > 0;
  }

  private int apply(List<String> messageIds, String status, String errorCode) {
    if (!PROGRESS.contains(status)) {
      return 0;
    }
    List<String> before =
        status.equals("delivered") ? List.of("sent", "sent") : List.of("sent", "delivered");
    Timestamp now = Timestamp.from(clock.instant());
    int changed = 0;
    for (String sid : messageIds) {
      if (status.equals("failed") && RATE_LIMITED.equals(errorCode)) {
        int again =
            jdbc.sql(
                    "update campaign_recipient set status = 'pending', queued_at = null, message_sid = null,"
                        + " attempts = attempts + 1, error_code = ?, reason = ?, updated_at = ?"
                        + " where message_sid = ? and status = 'sent' and attempts + 1 < ?")
                .params(
                    errorCode,
                    "Twilio's rate limit (63018): sent again later",
                    now,
                    sid,
                    properties.maxAttempts())
                .update();
        if (again > 0) {
          changed += again;
          continue;
        }
      }
      int moved =
          jdbc.sql(
                  "update campaign_recipient set status = ?, error_code = coalesce(?, error_code),"
                      + " updated_at = ? where message_sid = ? and status in (?, ?)")
              .params(status, errorCode, now, sid, before.get(0), before.get(1))
              .update();
      if (moved > 0) {
        meters.counter("omnichannel.campaign.messages", "outcome", status).increment();
      }
      changed += moved;
    }
    return changed;
  }
}
