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
 * later: it waits for a later tick, within the campaign's attempts.
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

  @Override
  public int report(Channel channel, List<String> messageIds, String status, String errorCode) {
    if (channel != Channel.WHATSAPP || messageIds.isEmpty()) {
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
