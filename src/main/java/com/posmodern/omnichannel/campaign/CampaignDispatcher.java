package com.posmodern.omnichannel.campaign;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.platform.sqs.FifoQueueWriter;
import com.posmodern.omnichannel.platform.sqs.InboundQueue;
import com.posmodern.omnichannel.pos.catalog.MenuSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Queues running campaigns' next messages on {@code campaign-sends.fifo}, at each campaign's rate
 * (spread over the minute, tick by tick; the messages queued in the last minute count against it,
 * whichever instance queued them) and never in quiet hours; finishes a campaign once none of its
 * messages is left to send. Each recipient row is claimed with a conditional update, so several
 * instances never queue the same one twice, and SQS deduplicates per campaign and customer besides.
 */
public class CampaignDispatcher {

  private static final Logger log = LoggerFactory.getLogger(CampaignDispatcher.class);

  private final JdbcClient jdbc;
  private final FifoQueueWriter queue;
  private final MenuSource menu;
  private final CampaignProperties properties;
  private final Clock clock;

  public CampaignDispatcher(
      JdbcClient jdbc,
      FifoQueueWriter queue,
      MenuSource menu,
      CampaignProperties properties,
      Clock clock) {
    this.jdbc = jdbc;
    this.queue = queue;
    this.menu = menu;
    this.properties = properties;
    this.clock = clock;
  }

  /** One tick: every running campaign queues what its rate allows now. */
  public void dispatch() {
    Instant now = clock.instant();
    recordUnknown(now);
    reopen(now);
    List<String> running =
        jdbc.sql("select id from campaign where status = 'running' order by created_at")
            .query(String.class)
            .list();
    for (String id : running) {
      CampaignDefinition definition = definition(id);
      SendingPlan plan = new SendingPlan(definition, menu.current().restaurant().zone());
      if (!plan.quiet(now) && !now.isBefore(definition.schedule().start(now))) {
        queueNext(id, definition.ratePerMinute(), now);
      }
      finishIfDone(id, now);
    }
  }

  private void queueNext(String campaignId, int ratePerMinute, Instant now) {
    int lastMinute =
        jdbc.sql("select count(*) from campaign_recipient where campaign_id = ? and queued_at > ?")
            .params(campaignId, Timestamp.from(now.minus(Duration.ofMinutes(1))))
            .query(Integer.class)
            .single();
    // Spread over the minute: a tick's share of the rate, and never more than the minute allows.
    int perTick =
        (int) Math.max(1, Math.ceil(ratePerMinute * properties.dispatchPeriodMs() / 60_000.0));
    int allowance = Math.min(perTick, ratePerMinute - lastMinute);
    // The consumers set the real pace: no more than ten ticks' worth waits on the queue.
    int waiting =
        jdbc.sql(
                "select count(*) from campaign_recipient where campaign_id = ? and status = 'queued'")
            .param(campaignId)
            .query(Integer.class)
            .single();
    allowance = Math.min(allowance, perTick * 10 - waiting);
    if (allowance <= 0) {
      return;
    }
    List<String> candidates =
        jdbc.sql(
                "select conversation_id from campaign_recipient where campaign_id = ? and status = 'pending'"
                    + " order by conversation_id limit ?")
            .params(campaignId, allowance)
            .query(String.class)
            .list();
    for (String conversation : candidates) {
      int claimed =
          jdbc.sql(
                  "update campaign_recipient set status = 'queued', queued_at = ?, updated_at = ?"
                      + " where campaign_id = ? and conversation_id = ? and status = 'pending'")
              .params(Timestamp.from(now), Timestamp.from(now), campaignId, conversation)
              .update();
      if (claimed == 0) {
        continue; // another instance queued it
      }
      try {
        queue.sendAll(
            List.of(
                new FifoQueueWriter.FifoMessage(
                    conversation,
                    // A message queued again (its first copy was lost) must not be taken for a
                    // duplicate of that copy: at most one send comes from the recipient's claim.
                    InboundQueue.sqsId(campaignId + ":" + conversation + ":" + now.toEpochMilli()),
                    CanonicalJson.write(new CampaignSend(campaignId, conversation)),
                    Map.of("campaign", campaignId))));
      } catch (RuntimeException e) {
        // Not queued: back to pending for the next tick.
        jdbc.sql(
                "update campaign_recipient set status = 'pending', queued_at = null"
                    + " where campaign_id = ? and conversation_id = ? and status = 'queued'")
            .params(campaignId, conversation)
            .update();
        log.warn(
            "Campaign {}: could not queue a message, next tick retries: {}",
            campaignId,
            e.toString());
        return;
      }
    }
  }

  /**
   * Claims that never got an outcome (the app died during the Twilio call): never sent again.
   * Messages queued but never claimed (their queue message was lost or failed before the claim)
   * were not sent: they wait again.
   */
  private void recordUnknown(Instant now) {
    jdbc.sql(
            "update campaign_recipient set status = 'pending', queued_at = null, updated_at = ?"
                + " where status = 'queued' and updated_at < ?")
        .params(Timestamp.from(now), Timestamp.from(now.minus(properties.unknownAfter())))
        .update();
    jdbc.sql(
            "update campaign_recipient set status = 'unknown', reason = ?, updated_at = ?"
                + " where status = 'sending' and updated_at < ?")
        .params(
            "no outcome recorded (the app stopped during the send); not sent again",
            Timestamp.from(now),
            Timestamp.from(now.minus(properties.unknownAfter())))
        .update();
  }

  /**
   * A finished campaign runs again when one of its messages must be sent again (Twilio's 63018
   * status callback can come after the campaign finished); looked for within a day.
   */
  private void reopen(Instant now) {
    jdbc.sql(
            "update campaign set status = 'running', finished_at = null, updated_at = ?"
                + " where status = 'finished' and finished_at > ? and exists (select 1"
                + " from campaign_recipient r where r.campaign_id = campaign.id and r.status = 'pending')")
        .params(Timestamp.from(now), Timestamp.from(now.minus(Duration.ofDays(1))))
        .update();
  }

  private void finishIfDone(String campaignId, Instant now) {
    int open =
        jdbc.sql(
                "select count(*) from campaign_recipient where campaign_id = ?"
                    + " and status in ('pending', 'queued', 'sending')")
            .param(campaignId)
            .query(Integer.class)
            .single();
    if (open == 0) {
      jdbc.sql(
              "update campaign set status = 'finished', finished_at = ?, updated_at = ?"
                  + " where id = ? and status = 'running'")
          .params(Timestamp.from(now), Timestamp.from(now), campaignId)
          .update();
    }
  }

  private CampaignDefinition definition(String id) {
    return CanonicalJson.read(
        jdbc.sql("select definition from campaign where id = ?")
            .param(id)
            .query(String.class)
            .single(),
        CampaignDefinition.class);
  }
}
