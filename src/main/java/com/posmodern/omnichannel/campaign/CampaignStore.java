package com.posmodern.omnichannel.campaign;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Campaigns and their durable recipient lists (tables {@code campaign}, {@code
 * campaign_recipient}).
 */
public class CampaignStore {

  /**
   * A stored campaign with its progress: recipients by status, those left out by reason, and what
   * the customers did after their message.
   */
  public record Campaign(
      String id,
      String name,
      String status,
      CampaignDefinition definition,
      int targeted,
      Map<String, Integer> recipients,
      Map<String, Integer> skipped,
      Results results,
      String createdBy,
      String createdAt) {}

  /**
   * What customers did within the attribution window after their campaign message.
   *
   * @param replied customers who wrote back (any message, SAIR included)
   * @param orders orders placed (not cancelled) for which this campaign's message was the latest
   * @param orderValueCents their total, in centavos
   */
  public record Results(int replied, int orders, long orderValueCents) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final Clock clock;

  public CampaignStore(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.clock = clock;
  }

  /** Saves a new campaign with its recipients (one row each, status {@code pending}). */
  public void create(
      String id,
      CampaignDefinition definition,
      String status,
      Audience.Expansion expansion,
      String createdBy) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql(
            "insert into campaign (id, name, status, definition, targeted, created_by, created_at, updated_at)"
                + " values (?,?,?,?,?,?,?,?)")
        .params(
            id,
            definition.name(),
            status,
            CanonicalJson.write(definition),
            expansion.recipients().size(),
            createdBy,
            now,
            now)
        .update();
    batch.batchUpdate(
        "insert into campaign_recipient (campaign_id, conversation_id, phone, status, updated_at)"
            + " values (?,?,?,?,?)",
        expansion.recipients().stream()
            .map(r -> new Object[] {id, r.conversationId(), r.phone(), "pending", now})
            .toList());
    expansion
        .skipped()
        .forEach(
            (reason, customers) ->
                jdbc.sql(
                        "insert into campaign_skip (campaign_id, reason, customers) values (?,?,?)")
                    .params(id, reason, customers)
                    .update());
  }

  /**
   * Changes a campaign's status if it still has the one read (another instance may have moved it).
   */
  void setStatus(String id, String from, String to) {
    Timestamp now = Timestamp.from(clock.instant());
    int changed =
        jdbc.sql(
                "update campaign set status = ?, updated_at = ?,"
                    + " started_at = case when ? = 'running' then coalesce(started_at, ?) else started_at end,"
                    + " finished_at = case when ? = 'cancelled' then ? else finished_at end"
                    + " where id = ? and status = ?")
            .params(to, now, to, now, to, now, id, from)
            .update();
    if (changed == 0) {
      throw new IllegalStateException("campaign " + id + " changed meanwhile; read it again");
    }
  }

  /** A cancelled campaign's unsent messages: never sent. */
  void cancelPending(String id) {
    jdbc.sql(
            "update campaign_recipient set status = 'skipped', reason = 'campaign cancelled', updated_at = ?"
                + " where campaign_id = ? and status in ('pending', 'queued')")
        .params(Timestamp.from(clock.instant()), id)
        .update();
  }

  /** One line per recipient (phone masked) with its status, reason, Twilio error and times. */
  public void exportCsv(String id, java.io.Writer out) throws java.io.IOException {
    out.write(
        "customer,status,personalisation,reason,error_code,message_sid,queued_at,sent_at\r\n");
    for (List<String> row :
        jdbc.sql(
                "select phone, status, personalisation, reason, error_code, message_sid, queued_at,"
                    + " sent_at"
                    + " from campaign_recipient where campaign_id = ? order by conversation_id")
            .param(id)
            .query(
                (rs, n) ->
                    java.util.Arrays.asList(
                        // Masked, and without the "+" a spreadsheet would read as a formula.
                        com.posmodern.omnichannel.canonical.LogMask.customer(rs.getString("phone"))
                            .replaceFirst("^\\+", ""),
                        rs.getString("status"),
                        rs.getString("personalisation"),
                        rs.getString("reason"),
                        rs.getString("error_code"),
                        rs.getString("message_sid"),
                        instant(rs.getTimestamp("queued_at")),
                        instant(rs.getTimestamp("sent_at"))))
            .list()) {
      out.write(String.join(",", row.stream().map(CampaignStore::csv).toList()) + "\r\n");
    }
  }

  private static String instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant().toString();
  }

  /** RFC 4180: quoted when it holds a comma, a quote or a line break; a formula is not started. */
  private static String csv(String value) {
    if (value == null) {
      return "";
    }
    String safe = value.matches("(?s)^[=+\\-@\t\r].*") ? "'" + value : value;
    return safe.matches("(?s).*[,\"\r\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
  }

  public Optional<Campaign> find(String id) {
    return jdbc.sql("select * from campaign where id = ?").param(id).query(this::read).optional();
  }

  /** The latest campaigns, newest first. */
  public List<Campaign> latest(int limit) {
    return jdbc.sql("select * from campaign order by created_at desc, id limit ?")
        .param(limit)
        .query(this::read)
        .list();
  }

  /** Campaign messages that reached Twilio and did not fail: only these count for results. */
  static final String REACHED = "('sent', 'delivered', 'read')";

  /**
   * Replies and orders within each message's attribution window, read from the conversation's
   * history and the orders (nothing is written on the message path for it). An order counts when it
   * is bought (paid, or to pay on delivery) and not cancelled, for the latest campaign message the
   * customer got before placing it: the rule {@link CampaignAttribution} gives the Purchase event
   * too.
   */
  private Results results(String id) {
    String attributedOrders =
        " from campaign_recipient r join customer_order o on o.conversation_id = r.conversation_id"
            + " where r.campaign_id = ? and r.status in "
            + REACHED
            + " and o.created_at > r.sent_at and o.created_at <= r.attribution_until"
            + " and o.status <> 'cancelled' and o.payment_status <> 'pending'"
            + " and not exists (select 1 from campaign_recipient later"
            + " where later.conversation_id = r.conversation_id and later.status in "
            + REACHED
            + " and later.sent_at > r.sent_at and later.sent_at < o.created_at)";
    return jdbc.sql(
            "select (select count(*) from campaign_recipient r where r.campaign_id = ?"
                + " and r.status in "
                + REACHED
                + " and exists (select 1 from conversation_message m"
                + " where m.conversation_id = r.conversation_id and m.direction = 'in'"
                + " and m.created_at > r.sent_at and m.created_at <= r.attribution_until)) as replied,"
                + " (select count(*)"
                + attributedOrders
                + ") as orders, (select coalesce(sum(o.total_cents), 0)"
                + attributedOrders
                + ") as order_value")
        .params(id, id, id)
        .query(
            (rs, row) ->
                new Results(rs.getInt("replied"), rs.getInt("orders"), rs.getLong("order_value")))
        .single();
  }

  private Campaign read(ResultSet rs, int row) throws SQLException {
    String id = rs.getString("id");
    Map<String, Integer> recipients = new TreeMap<>();
    jdbc.sql(
            "select status, count(*) as n from campaign_recipient where campaign_id = ? group by status")
        .param(id)
        .query((RowCallbackHandler) r -> recipients.put(r.getString("status"), r.getInt("n")));
    Map<String, Integer> skipped = new LinkedHashMap<>();
    jdbc.sql("select reason, customers from campaign_skip where campaign_id = ? order by reason")
        .param(id)
        .query((RowCallbackHandler) r -> skipped.put(r.getString("reason"), r.getInt("customers")));
    return new Campaign(
        id,
        rs.getString("name"),
        rs.getString("status"),
        CanonicalJson.read(rs.getString("definition"), CampaignDefinition.class),
        rs.getInt("targeted"),
        recipients,
        skipped,
        results(id),
        rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant().toString());
  }
}
