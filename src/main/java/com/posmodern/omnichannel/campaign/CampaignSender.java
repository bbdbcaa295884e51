package com.posmodern.omnichannel.campaign;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.LogMask;
import com.posmodern.omnichannel.canonical.reply.SendOutcome;
import com.posmodern.omnichannel.channel.TransientSendException;
import com.posmodern.omnichannel.pos.catalog.MenuSource;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sends one queued campaign message at most once: the recipient row is claimed ({@code queued} to
 * {@code sending}) before the Twilio call, so a redelivered or duplicated queue message finds
 * nothing to do, and a claim whose outcome was never recorded is never sent again. At the claim,
 * the customer's consent is read again (an opt-out during the campaign stops every later send at
 * once), the frequency cap is applied across campaigns, and a stopped campaign's message goes back
 * to wait, as does one whose send time fell into quiet hours. Twilio's answer is recorded per
 * recipient, as Twilio documents its errors (https://www.twilio.com/docs/api/errors): 21610, the
 * customer unsubscribed (STOP), is an opt-out recorded in the consent ledger; other refusals are
 * failures with their code; see {@link #failed} for calls that did not complete.
 */
public class CampaignSender {

  /** The exchange property the campaign-send route keeps the message in. */
  public static final String PROPERTY = "campaignMessage";

  /** Twilio: the recipient unsubscribed (replied STOP); sending again is refused. */
  static final String UNSUBSCRIBED = "21610";

  private static final Logger log = LoggerFactory.getLogger(CampaignSender.class);

  private final JdbcClient jdbc;
  private final ConsentLedger consent;
  private final CampaignProperties properties;
  private final MeterRegistry meters;
  private final MenuSource menu;
  private final CampaignDeliveries deliveries;
  private final Clock clock;

  public CampaignSender(
      JdbcClient jdbc,
      ConsentLedger consent,
      CampaignProperties properties,
      MeterRegistry meters,
      MenuSource menu,
      CampaignDeliveries deliveries,
      Clock clock) {
    this.jdbc = jdbc;
    this.deliveries = deliveries;
    this.consent = consent;
    this.menu = menu;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
  }

  /** Claims the message; returns what to send, or null when there is nothing to send. */
  public CampaignMessage prepare(@Body CampaignSend send) {
    Instant now = clock.instant();
    int claimed =
        jdbc.sql(
                "update campaign_recipient set status = 'sending', updated_at = ?"
                    + " where campaign_id = ? and conversation_id = ? and status = 'queued'")
            .params(Timestamp.from(now), send.campaignId(), send.conversationId())
            .update();
    if (claimed == 0) {
      return null; // sent, skipped or claimed already: a redelivery or a duplicate
    }
    String status =
        jdbc.sql("select status from campaign where id = ?")
            .param(send.campaignId())
            .query(String.class)
            .optional()
            .orElse("cancelled");
    if (!status.equals("running")) {
      settle(
          send,
          status.equals("stopped") ? "pending" : "skipped",
          status.equals("stopped") ? null : "campaign " + status,
          null);
      return null;
    }
    CampaignDefinition definition =
        CanonicalJson.read(
            jdbc.sql("select definition from campaign where id = ?")
                .param(send.campaignId())
                .query(String.class)
                .single(),
            CampaignDefinition.class);
    if (new SendingPlan(definition, menu.current().restaurant().zone()).quiet(now)) {
      settle(send, "pending", "quiet hours began before it was sent", null);
      return null;
    }
    if (!consent.allowsMarketing(send.conversationId())) {
      settle(send, "opted_out", "the customer's consent no longer allows marketing", null);
      return null;
    }
    int recent =
        jdbc.sql(
                "select count(*) from campaign_recipient where conversation_id = ? and campaign_id <> ?"
                    + " and sent_at > ?")
            .params(
                send.conversationId(),
                send.campaignId(),
                Timestamp.from(now.minus(properties.frequencyCap())))
            .query(Integer.class)
            .single();
    if (recent > 0) {
      settle(
          send,
          "skipped",
          "frequency cap: another campaign reached the customer within "
              + properties.frequencyCap().toDays()
              + " days",
          null);
      return null;
    }
    String phone =
        jdbc.sql(
                "select phone from campaign_recipient where campaign_id = ? and conversation_id = ?")
            .params(send.campaignId(), send.conversationId())
            .query(String.class)
            .single();
    return new CampaignMessage(
        send.campaignId(),
        send.conversationId(),
        phone,
        definition.name(),
        definition.template(),
        definition.personalise(),
        definition.template().variables(),
        null);
  }

  /** Records Twilio's answer for the message. */
  public void record(
      @ExchangeProperty(PROPERTY) CampaignMessage message, @Body SendOutcome outcome) {
    CampaignSend send = new CampaignSend(message.campaignId(), message.conversationId());
    if (outcome.sent()) {
      Instant now = clock.instant();
      if (jdbc.sql(
                  "update campaign_recipient set status = 'sent', message_sid = ?, variables = ?,"
                      + " personalisation = ?, sent_at = ?, attribution_until = ?, updated_at = ?"
                      + " where campaign_id = ? and conversation_id = ? and status = 'sending'")
              .params(
                  outcome.platformMessageId(),
                  CanonicalJson.write(message.variables()),
                  message.personalisation(),
                  Timestamp.from(now),
                  Timestamp.from(now.plus(properties.attributionWindow())),
                  Timestamp.from(now),
                  message.campaignId(),
                  message.conversationId())
              .update()
          > 0) {
        meters.counter("omnichannel.campaign.messages", "outcome", "sent").increment();
        deliveries.applyEarly(
            message.campaignId(), message.conversationId(), outcome.platformMessageId());
      }
      return;
    }
    if (UNSUBSCRIBED.equals(outcome.errorCode())) {
      consent.record(
          message.conversationId(),
          Channel.WHATSAPP,
          ConsentLedger.Decision.OPT_OUT,
          "twilio:" + UNSUBSCRIBED);
      settle(send, "opted_out", outcome.detail(), outcome.errorCode());
      return;
    }
    settle(send, "failed", outcome.detail(), outcome.errorCode());
  }

  /**
   * The send did not complete. Twilio's Messages API has no idempotency key: after a timeout or a
   * 5xx the message may have gone out, so the recipient is recorded {@code unknown} and never sent
   * again. Only an answer that proves nothing was sent (429 Too Many Requests, or no connection at
   * all) lets it wait for a later tick, until {@code maxAttempts}; anything else fails it.
   */
  public void failed(Exchange exchange) {
    CampaignMessage message = exchange.getProperty(PROPERTY, CampaignMessage.class);
    Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    if (message == null) {
      return; // nothing was claimed: the queued row is picked up again by the dispatcher
    }
    CampaignSend send = new CampaignSend(message.campaignId(), message.conversationId());
    String reason = cause == null ? "send failed" : cause.getMessage();
    if (notSent(cause)) {
      int attempts =
          jdbc.sql(
                          "update campaign_recipient set attempts = attempts + 1 where campaign_id = ?"
                              + " and conversation_id = ? and status = 'sending'")
                      .params(message.campaignId(), message.conversationId())
                      .update()
                  == 0
              ? 0
              : attempts(message);
      if (attempts > 0 && attempts < properties.maxAttempts()) {
        log.warn(
            "Campaign {}: a send was refused for now ({}), it waits for attempt {}",
            message.campaignId(),
            reason,
            attempts + 1);
        settle(send, "pending", reason, null);
      } else {
        settle(send, "failed", reason + " (after " + attempts + " attempts)", null);
      }
    } else if (cause instanceof TransientSendException || cause instanceof IOException) {
      settle(
          send,
          "unknown",
          "no answer from Twilio (" + reason + "): it may have been sent, so it is not sent again",
          null);
    } else {
      settle(send, "failed", cause == null ? "send failed" : cause.toString(), null);
    }
  }

  /** Whether the failure proves Twilio sent nothing: 429, or no connection was made. */
  private static boolean notSent(Throwable cause) {
    if (cause instanceof TransientSendException transientFailure
        && transientFailure.httpStatus() == 429) {
      return true;
    }
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  private int attempts(CampaignMessage message) {
    return jdbc.sql(
            "select attempts from campaign_recipient where campaign_id = ? and conversation_id = ?")
        .params(message.campaignId(), message.conversationId())
        .query(Integer.class)
        .single();
  }

  /**
   * Settles a claimed message, only while it is still {@code sending} (the sweeper may have
   * recorded it unknown meanwhile). The reason is stored with phone numbers masked (Twilio quotes
   * the number it refused); only final outcomes are counted.
   */
  private void settle(CampaignSend send, String status, String reason, String errorCode) {
    String masked = LogMask.numbers(reason);
    int changed =
        jdbc.sql(
                "update campaign_recipient set status = ?, reason = ?, error_code = ?, updated_at = ?"
                    + (status.equals("pending") ? ", queued_at = null" : "")
                    + " where campaign_id = ? and conversation_id = ? and status = 'sending'")
            .params(
                status,
                masked == null || masked.length() <= 300 ? masked : masked.substring(0, 300),
                errorCode,
                Timestamp.from(clock.instant()),
                send.campaignId(),
                send.conversationId())
            .update();
    if (changed > 0 && !status.equals("pending")) {
      meters.counter("omnichannel.campaign.messages", "outcome", status).increment();
    }
  }
}
