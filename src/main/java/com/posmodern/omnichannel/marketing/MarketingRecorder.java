package com.posmodern.omnichannel.marketing;

import com.posmodern.omnichannel.canonical.Referral;
import com.posmodern.omnichannel.marketing.MarketingEvent.MessagingIds;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns the conversation's signals into marketing events, in the conversation's transaction: the
 * configured event for each moment, only for customers the legal basis allows (else recorded as
 * skipped in the outcome log), prepared by every configured platform and stored for the
 * marketing-relay route. Nothing here calls out, so a failing platform never touches a reply.
 */
public class MarketingRecorder {

  private static final Logger log = LoggerFactory.getLogger(MarketingRecorder.class);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final MarketingProperties properties;
  private final List<MarketingIntegration> integrations;
  private final ConsentLedger consent;
  private final MarketingEventLog outcomes;
  private final CampaignTouch campaigns;

  public MarketingRecorder(
      JdbcClient jdbc,
      Clock clock,
      MarketingProperties properties,
      List<MarketingIntegration> integrations,
      ConsentLedger consent,
      MarketingEventLog outcomes,
      CampaignTouch campaigns) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.properties = properties;
    this.integrations = List.copyOf(integrations);
    this.consent = consent;
    this.outcomes = outcomes;
    this.campaigns = campaigns;
  }

  /** The platforms events go to. */
  public List<MarketingIntegration> integrations() {
    return integrations;
  }

  /** One recorded event as operators see it (never its body: hashed data stays in the table). */
  public record EventRow(
      long id,
      String eventId,
      String sink,
      String name,
      String actionSource,
      String status,
      String note,
      int attempts,
      Integer httpStatus,
      String error,
      Instant eventTime,
      Instant updatedAt) {}

  /** The latest events in the given states (all when empty), newest first. */
  public List<EventRow> latest(java.util.Set<String> statuses, int limit) {
    String where =
        statuses.isEmpty()
            ? ""
            : " where status in ("
                + String.join(",", java.util.Collections.nCopies(statuses.size(), "?"))
                + ")";
    return jdbc.sql(
            "select id, event_id, sink, name, action_source, status, note, attempts, http_status, error,"
                + " event_time, updated_at from marketing_event"
                + where
                + " order by id desc limit "
                + Math.max(1, Math.min(limit, 1000)))
        .params(List.copyOf(statuses))
        .query(
            (rs, row) ->
                new EventRow(
                    rs.getLong("id"),
                    rs.getString("event_id"),
                    rs.getString("sink"),
                    rs.getString("name"),
                    rs.getString("action_source"),
                    rs.getString("status"),
                    rs.getString("note"),
                    rs.getInt("attempts"),
                    (Integer) rs.getObject("http_status"),
                    rs.getString("error"),
                    rs.getTimestamp("event_time").toInstant(),
                    rs.getTimestamp("updated_at").toInstant()))
        .list();
  }

  /** Keeps the ad a conversation came from (the latest click-to-WhatsApp click id wins). */
  public void noteReferral(String conversationId, Referral referral, Instant at) {
    if (referral == null || (blank(referral.ctwaClid()) && blank(referral.adId()))) {
      return;
    }
    int updated =
        jdbc.sql(
                "update marketing_attribution set ctwa_clid = ?, ad_id = ?, source = ?, referred_at = ?"
                    + " where conversation_id = ?")
            .params(
                referral.ctwaClid(),
                referral.adId(),
                referral.source(),
                Timestamp.from(at),
                conversationId)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "insert into marketing_attribution (conversation_id, ctwa_clid, ad_id, source, referred_at)"
                  + " values (?, ?, ?, ?, ?)")
          .params(
              conversationId,
              referral.ctwaClid(),
              referral.adId(),
              referral.source(),
              Timestamp.from(at))
          .update();
    }
  }

  /**
   * Withdraws the customer's events not yet sent (they opted out): recorded as skipped. A request
   * already on its way at this moment may still reach the platform; its outcome is not recorded.
   */
  public int cancelPending(String conversationId) {
    int cancelled =
        jdbc.sql(
                "update marketing_event set status = 'SKIPPED', note = ?, claim_token = null,"
                    + " lease_until = null, updated_at = ?"
                    + " where conversation_id = ? and status in ('PENDING', 'SENDING')")
            .params(
                "withdrawn: the customer opted out",
                Timestamp.from(clock.instant()),
                conversationId)
            .update();
    if (cancelled > 0) {
      log.info("{} marketing event(s) withdrawn: the customer opted out", cancelled);
    }
    return cancelled;
  }

  /** Records the events of one turn. */
  public void record(MarketingContext context, List<MarketingSignal> signals) {
    if (signals.isEmpty() || integrations.isEmpty()) {
      return;
    }
    boolean allowed = consent.allowsMarketing(context.conversationId());
    String ctwaClid = allowed ? ctwaClid(context.conversationId()) : null;
    Map<ConversationMoment, Integer> seen = new HashMap<>();
    for (MarketingSignal signal : signals) {
      Optional<String> name = properties.eventFor(signal.moment());
      if (name.isEmpty()) {
        continue;
      }
      int n = seen.merge(signal.moment(), 1, Integer::sum);
      String eventId = eventId(context, signal, n);
      if (!allowed) {
        for (MarketingIntegration integration : integrations) {
          afterCommit(
              new MarketingEventLog.Line(
                  eventId,
                  name.get(),
                  integration.id(),
                  "SKIPPED",
                  null,
                  "no legal basis: the customer has not opted in (" + consent.basis() + ")",
                  null,
                  null,
                  null));
        }
        continue;
      }
      MarketingEvent event =
          new MarketingEvent(
              eventId,
              name.get(),
              context.occurredAt(),
              context.conversationId(),
              context.channel(),
              new MessagingIds(context.businessId(), context.customerScopedId(), ctwaClid),
              context.customer(),
              signal.moment() == ConversationMoment.PURCHASED && signal.data().orderId() != null
                  ? campaigns
                      .attributedOrder(context.conversationId(), signal.data().orderId())
                      .map(signal.data()::withCampaign)
                      .orElse(signal.data())
                  : signal.data());
      for (MarketingIntegration integration : integrations) {
        store(event, integration, integration.prepare(event));
      }
    }
  }

  /**
   * The event id: the signal's own key (an order's purchase: {@code order-<code>}, which the web
   * menu's pixel can send too), else the moment and the customer message it came from.
   */
  private static String eventId(MarketingContext context, MarketingSignal signal, int n) {
    if (signal.eventKey() != null) {
      return signal.eventKey();
    }
    String source = sha256Hex(context.sourceMessageId()).substring(0, 24);
    return signal.moment().key() + "-" + source + (n > 1 ? "-" + n : "");
  }

  private String ctwaClid(String conversationId) {
    return jdbc.sql("select ctwa_clid from marketing_attribution where conversation_id = ?")
        .param(conversationId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private void store(MarketingEvent event, MarketingIntegration integration, Prepared prepared) {
    Timestamp now = Timestamp.from(clock.instant());
    String status = prepared.skipped() ? "SKIPPED" : "PENDING";
    String note = prepared.skipped() ? prepared.skipReason() : prepared.note();
    int inserted =
        jdbc.sql(
                "insert into marketing_event (event_id, sink, conversation_id, name, event_time, action_source,"
                    + " body, status, note, attempts, solo, next_attempt_at, created_at, updated_at)"
                    + " select ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, false, ?, ?, ?"
                    + " where not exists (select 1 from marketing_event where event_id = ? and sink = ?)")
            .params(
                event.eventId(),
                integration.id(),
                event.conversationId(),
                prepared.name(),
                Timestamp.from(event.eventTime()),
                prepared.actionSource(),
                prepared.body(),
                status,
                truncate(note, 500),
                now,
                now,
                now,
                event.eventId(),
                integration.id())
            .update();
    if (inserted == 0) {
      log.debug("Event {} for {} was already recorded", event.eventId(), integration.id());
      return;
    }
    afterCommit(
        new MarketingEventLog.Line(
            event.eventId(),
            prepared.name(),
            integration.id(),
            prepared.skipped() ? "SKIPPED" : "RECORDED",
            prepared.actionSource(),
            note,
            null,
            null,
            null));
  }

  /** Logs the outcome once the turn is committed (a rolled-back turn recorded nothing). */
  private void afterCommit(MarketingEventLog.Line line) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              outcomes.write(line);
            }
          });
    } else {
      outcomes.write(line);
    }
  }

  static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** SHA-256 of the UTF-8 bytes, lowercase hex. */
  private static String sha256Hex(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
