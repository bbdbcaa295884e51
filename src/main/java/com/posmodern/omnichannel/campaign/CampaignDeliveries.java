package com.posmodern.omnichannel.campaign;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.chatbot.DeliveryReports;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Campaign messages move on as Twilio's status callbacks report them: sent, then delivered, then
 * read (never back), or failed with Twilio's error code (e.g. 63016, 63018, 63024).
 */
public class CampaignDeliveries implements DeliveryReports.OtherMessages {

  private final JdbcClient jdbc;
  private final Clock clock;

  public CampaignDeliveries(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public int report(Channel channel, List<String> messageIds, String status, String errorCode) {
    if (channel != Channel.WHATSAPP || messageIds.isEmpty()) {
      return 0;
    }
    List<String> before =
        switch (status) {
          case "delivered" -> List.of("sent");
          case "read" -> List.of("sent", "delivered");
          default -> List.of("sent", "delivered");
        };
    int changed = 0;
    for (String sid : messageIds) {
      changed +=
          jdbc.sql(
                  "update campaign_recipient set status = ?, error_code = coalesce(?, error_code),"
                      + " updated_at = ? where message_sid = ? and status in (?, ?)")
              .params(
                  status,
                  errorCode,
                  Timestamp.from(clock.instant()),
                  sid,
                  before.get(0),
                  before.get(before.size() - 1))
              .update();
    }
    return changed;
  }
}
