package com.posmodern.omnichannel.privacy;

import com.posmodern.omnichannel.canonical.Channel;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The consent ledger (LGPD arts. 7–8, GDPR art. 7): every marketing opt-in and opt-out per customer
 * and channel, append-only, so the restaurant can show when and how a customer decided. Whether
 * marketing may reach a customer follows the configured legal basis: with {@code consent} (the
 * default) only after an opt-in; with {@code legitimate-interest} unless the customer opted out.
 */
public class ConsentLedger {

  /** The purpose the ledger records decisions for. */
  public static final String MARKETING = "marketing";

  /** A customer's decision. */
  public enum Decision {
    OPT_IN,
    OPT_OUT
  }

  /** The legal basis marketing relies on (LGPD art. 7 I consent, IX legitimate interest). */
  public enum LegalBasis {
    CONSENT,
    LEGITIMATE_INTEREST;

    public static LegalBasis of(String setting) {
      return valueOf(setting.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  /** One recorded decision. */
  public record Entry(
      String conversationId, Channel channel, Decision decision, String source, Instant at) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final LegalBasis basis;

  public ConsentLedger(JdbcClient jdbc, Clock clock, LegalBasis basis) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.basis = basis;
  }

  public LegalBasis basis() {
    return basis;
  }

  /**
   * Records a decision.
   *
   * @param source how it was given: {@code keyword:SAIR}, {@code choice}, {@code operator}, …
   */
  public void record(String conversationId, Channel channel, Decision decision, String source) {
    jdbc.sql(
            "insert into consent_ledger (conversation_id, channel, purpose, decision, source, recorded_at)"
                + " values (?, ?, ?, ?, ?, ?)")
        .params(
            conversationId,
            channel.id(),
            MARKETING,
            decision.name(),
            source,
            Timestamp.from(clock.instant()))
        .update();
  }

  /** The customer's latest decision, if any. */
  public Optional<Decision> current(String conversationId) {
    return jdbc.sql(
            "select decision from consent_ledger where conversation_id = ? and purpose = ?"
                + " order by id desc limit 1")
        .params(conversationId, MARKETING)
        .query(String.class)
        .optional()
        .map(Decision::valueOf);
  }

  /** Whether marketing events and campaign messages may concern this customer. */
  public boolean allowsMarketing(String conversationId) {
    Optional<Decision> decision = current(conversationId);
    return basis == LegalBasis.CONSENT
        ? decision.equals(Optional.of(Decision.OPT_IN))
        : !decision.equals(Optional.of(Decision.OPT_OUT));
  }

  /**
   * Of these customers, those marketing may concern (the rule of {@link #allowsMarketing}), read in
   * one query: a campaign's segment asks for thousands at once.
   */
  public java.util.Set<String> allowingMarketing(java.util.Collection<String> conversationIds) {
    java.util.Map<String, Decision> latest = new java.util.HashMap<>();
    jdbc.sql(
            "select conversation_id, decision from consent_ledger l where purpose = ? and id ="
                + " (select max(id) from consent_ledger m where m.conversation_id = l.conversation_id"
                + " and m.purpose = l.purpose)")
        .param(MARKETING)
        .query(
            (org.springframework.jdbc.core.RowCallbackHandler)
                rs ->
                    latest.put(
                        rs.getString("conversation_id"),
                        Decision.valueOf(rs.getString("decision"))));
    java.util.Set<String> allowed = new java.util.HashSet<>();
    for (String id : conversationIds) {
      Decision decision = latest.get(id);
      boolean allows =
          basis == LegalBasis.CONSENT ? decision == Decision.OPT_IN : decision != Decision.OPT_OUT;
      if (allows) {
        allowed.add(id);
      }
    }
    return allowed;
  }

  /** Whether the customer should be asked (consent is the basis and they never decided). */
  public boolean undecided(String conversationId) {
    return basis == LegalBasis.CONSENT && current(conversationId).isEmpty();
  }

  /** Every decision of a customer, oldest first. */
  public List<Entry> history(String conversationId) {
    return jdbc.sql(
            "select conversation_id, channel, decision, source, recorded_at from consent_ledger"
                + " where conversation_id = ? and purpose = ? order by id")
        .params(conversationId, MARKETING)
        .query(
            (rs, row) ->
                new Entry(
                    rs.getString("conversation_id"),
                    Channel.fromId(rs.getString("channel")),
                    Decision.valueOf(rs.getString("decision")),
                    rs.getString("source"),
                    rs.getTimestamp("recorded_at").toInstant()))
        .list();
  }
}
