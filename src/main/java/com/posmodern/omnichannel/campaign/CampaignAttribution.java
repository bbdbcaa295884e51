package com.posmodern.omnichannel.campaign;

import com.posmodern.omnichannel.marketing.CampaignTouch;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attributes a purchase to the latest campaign message sent to the customer before it, while that
 * message's attribution window is open (one indexed read, on purchases only), so the Conversions
 * API's Purchase event carries the campaign; the campaign's own order count reads the same rule.
 */
public class CampaignAttribution implements CampaignTouch {

  private final JdbcClient jdbc;

  public CampaignAttribution(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<String> attributedAt(String conversationId, Instant at) {
    return jdbc.sql(
            "select campaign_id, attribution_until from campaign_recipient"
                + " where conversation_id = ? and sent_at < ? order by sent_at desc limit 1")
        .params(conversationId, Timestamp.from(at))
        .query(
            (rs, row) -> {
              Timestamp until = rs.getTimestamp("attribution_until");
              return until != null && !until.toInstant().isBefore(at)
                  ? rs.getString("campaign_id")
                  : null;
            })
        .optional();
  }
}
