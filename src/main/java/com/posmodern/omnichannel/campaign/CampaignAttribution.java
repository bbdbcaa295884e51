package com.posmodern.omnichannel.campaign;

import com.posmodern.omnichannel.marketing.CampaignTouch;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attributes a bought order to the latest campaign message the customer got before placing it (one
 * that reached Twilio and did not fail), while that message's attribution window was open: one
 * indexed read, on purchases only, so that the Conversions API's Purchase event carries the
 * campaign. The campaign's own order count ({@code CampaignStore}) reads the same rule.
 */
public class CampaignAttribution implements CampaignTouch {

  private final JdbcClient jdbc;

  public CampaignAttribution(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<String> attributedOrder(String conversationId, String orderId) {
    return jdbc.sql(
            "select r.campaign_id, r.attribution_until, o.created_at from customer_order o"
                + " join campaign_recipient r on r.conversation_id = o.conversation_id"
                + " where o.id = ? and o.conversation_id = ? and r.status in "
                + CampaignStore.REACHED
                + " and r.sent_at < o.created_at order by r.sent_at desc limit 1")
        .params(orderId, conversationId)
        .query(
            (rs, row) -> {
              Timestamp until = rs.getTimestamp("attribution_until");
              Timestamp placed = rs.getTimestamp("created_at");
              return until != null && !until.before(placed) ? rs.getString("campaign_id") : null;
            })
        .optional();
  }
}
