package com.posmodern.omnichannel.campaign;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each live campaign's progress as Prometheus gauges, refreshed every minute by the {@code
 * campaign-metrics} route from the database (so every instance reports the same numbers): {@code
 * omnichannel_campaign_recipients{campaign,status}} and {@code
 * omnichannel_campaign_results{campaign,result}} (replied, orders, order_value_cents). Live means
 * running, stopped, or finished within the attribution window (its results still grow); older
 * campaigns leave the gauges.
 */
public class CampaignMetrics {

  private final JdbcClient jdbc;
  private final CampaignStore store;
  private final CampaignProperties properties;
  private final Clock clock;
  private final MultiGauge recipients;
  private final MultiGauge results;

  public CampaignMetrics(
      JdbcClient jdbc,
      CampaignStore store,
      CampaignProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.jdbc = jdbc;
    this.store = store;
    this.properties = properties;
    this.clock = clock;
    this.recipients =
        MultiGauge.builder("omnichannel.campaign.recipients")
            .description("Recipients of each live campaign, by status")
            .register(meters);
    this.results =
        MultiGauge.builder("omnichannel.campaign.results")
            .description(
                "Replies, attributed orders and their value (centavos) of each live campaign")
            .register(meters);
  }

  /** Reads the live campaigns' progress again. */
  public void refresh() {
    List<String> live =
        jdbc.sql(
                "select id from campaign where status in ('running', 'stopped')"
                    + " or (status = 'finished' and finished_at > ?) order by created_at desc limit 50")
            .param(Timestamp.from(clock.instant().minus(properties.attributionWindow())))
            .query(String.class)
            .list();
    List<MultiGauge.Row<?>> byStatus = new ArrayList<>();
    List<MultiGauge.Row<?>> outcomes = new ArrayList<>();
    for (String id : live) {
      store
          .find(id)
          .ifPresent(
              campaign -> {
                campaign
                    .recipients()
                    .forEach(
                        (status, n) ->
                            byStatus.add(
                                MultiGauge.Row.of(Tags.of("campaign", id, "status", status), n)));
                CampaignStore.Results r = campaign.results();
                outcomes.add(row(id, "replied", r.replied()));
                outcomes.add(row(id, "orders", r.orders()));
                outcomes.add(row(id, "order_value_cents", r.orderValueCents()));
              });
    }
    recipients.register(byStatus, true);
    results.register(outcomes, true);
  }

  private static MultiGauge.Row<?> row(String campaign, String result, Number value) {
    return MultiGauge.Row.of(Tags.of("campaign", campaign, "result", result), value);
  }
}
