package com.posmodern.omnichannel.campaign;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.pos.catalog.MenuSource;
import com.posmodern.omnichannel.pos.orders.Order;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a campaign's segment into the customers it reaches: WhatsApp customers with a phone whose
 * consent allows marketing (the ledger's rule: LGPD consent or legitimate interest), filtered by
 * their orders. Everyone left out is counted under the reason.
 */
public class Audience {

  /** A customer a campaign reaches. */
  public record Recipient(String conversationId, String phone, String name, Stats stats) {}

  /**
   * What a customer's orders say about them.
   *
   * @param favouriteCategory the menu category they ordered most items of (null: unknown)
   * @param usualItem the item they ordered most (null: none)
   */
  public record Stats(
      int orders,
      long spentCents,
      Instant lastOrderAt,
      String favouriteCategory,
      String usualItem,
      String cep,
      String neighbourhood) {}

  /**
   * The customers reached and those left out, by reason ({@code no_consent}, {@code no_phone},
   * {@code segment}).
   */
  public record Expansion(List<Recipient> recipients, Map<String, Integer> skipped) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate streaming;
  private final TransactionTemplate readOnly;
  private final ConsentLedger consent;
  private final MenuSource menu;
  private final Clock clock;

  /**
   * @param streaming reads every order body in one pass; with a fetch size inside {@code readOnly}
   *     (PostgreSQL's driver streams rows only inside a transaction), so a large history is never
   *     held in memory at once
   */
  public Audience(
      JdbcClient jdbc,
      JdbcTemplate streaming,
      TransactionTemplate readOnly,
      ConsentLedger consent,
      MenuSource menu,
      Clock clock) {
    this.jdbc = jdbc;
    this.streaming = streaming;
    this.readOnly = readOnly;
    this.consent = consent;
    this.menu = menu;
    this.clock = clock;
  }

  /** Expands a segment as of now. */
  public Expansion expand(CampaignDefinition.Segment segment) {
    Map<String, Stats> totals = orderTotals();
    Map<String, OrderHistory> histories = segment.readsOrders() ? histories() : Map.of();
    Instant now = clock.instant();
    List<Recipient> recipients = new ArrayList<>();
    Map<String, Integer> skipped = new TreeMap<>();
    List<Customer> customers =
        jdbc.sql(
                "select id, customer_phone, customer_name from conversation where channel = ?"
                    + " order by created_at, id")
            .param(Channel.WHATSAPP.id())
            .query(
                (rs, row) ->
                    new Customer(
                        rs.getString("id"),
                        rs.getString("customer_phone"),
                        rs.getString("customer_name")))
            .list();
    java.util.Set<String> allowed =
        consent.allowingMarketing(customers.stream().map(Customer::id).toList());
    for (Customer customer : customers) {
      if (customer.phone() == null || customer.phone().isBlank()) {
        skipped.merge("no_phone", 1, Integer::sum);
        continue;
      }
      if (!allowed.contains(customer.id())) {
        skipped.merge("no_consent", 1, Integer::sum);
        continue;
      }
      Stats stats =
          totals.getOrDefault(customer.id(), new Stats(0, 0, null, null, null, null, null));
      if (histories.containsKey(customer.id())) {
        stats = histories.get(customer.id()).stats(stats);
      }
      if (!matches(segment, stats, now)) {
        skipped.merge("segment", 1, Integer::sum);
        continue;
      }
      recipients.add(new Recipient(customer.id(), customer.phone(), customer.name(), stats));
    }
    return new Expansion(recipients, skipped);
  }

  /** One customer's stats, read now (for the message written for them). */
  public Stats profile(String conversationId) {
    Stats totals =
        jdbc.sql(
                "select count(*) as orders, coalesce(sum(total_cents), 0) as spent,"
                    + " max(created_at) as last_order from customer_order"
                    + " where conversation_id = ? and status <> 'cancelled'")
            .param(conversationId)
            .query((rs, row) -> totals(rs))
            .single();
    return totals.orders() == 0 ? totals : detailed(conversationId, totals);
  }

  /** A customer's stats with what only the order bodies tell (favourite category, usual item). */
  public Stats detailed(String conversationId, Stats totals) {
    OrderHistory history = new OrderHistory(categories());
    jdbc.sql(
            "select body from customer_order where conversation_id = ? and status <> 'cancelled'"
                + " order by created_at")
        .param(conversationId)
        .query((RowCallbackHandler) rs -> history.add(rs.getString("body")));
    return history.stats(totals);
  }

  /**
   * Every WhatsApp customer's order history in one pass over the orders (a segment filtering on
   * category or address), oldest first so that the last address is the latest.
   */
  private Map<String, OrderHistory> histories() {
    Map<String, String> categoryOf = categories();
    Map<String, OrderHistory> histories = new HashMap<>();
    readOnly.executeWithoutResult(
        status ->
            streaming.query(
                "select conversation_id, body from customer_order where channel = ?"
                    + " and status <> 'cancelled' order by created_at, id",
                (RowCallbackHandler)
                    rs ->
                        histories
                            .computeIfAbsent(
                                rs.getString("conversation_id"), id -> new OrderHistory(categoryOf))
                            .add(rs.getString("body")),
                Channel.WHATSAPP.id()));
    return histories;
  }

  /** Each menu item's category. */
  private Map<String, String> categories() {
    Map<String, String> categoryOf = new HashMap<>();
    menu.current()
        .categories()
        .forEach(c -> c.items().forEach(item -> categoryOf.put(item.id(), c.id())));
    return categoryOf;
  }

  /** What one customer's orders, read in order, say: items and categories counted, last address. */
  private static final class OrderHistory {

    private final Map<String, String> categoryOf;
    private final Map<String, Integer> byCategory = new LinkedHashMap<>();
    private final Map<String, Integer> byItem = new LinkedHashMap<>();
    private Order.Address lastAddress;

    OrderHistory(Map<String, String> categoryOf) {
      this.categoryOf = categoryOf;
    }

    void add(String body) {
      Order order = CanonicalJson.read(body, Order.class);
      for (Order.Line line : order.items()) {
        byItem.merge(line.name(), line.quantity(), Integer::sum);
        String category = categoryOf.get(line.itemId());
        if (category != null) {
          byCategory.merge(category, line.quantity(), Integer::sum);
        }
      }
      if (order.address() != null) {
        lastAddress = order.address();
      }
    }

    Stats stats(Stats totals) {
      return new Stats(
          totals.orders(),
          totals.spentCents(),
          totals.lastOrderAt(),
          most(byCategory),
          most(byItem),
          lastAddress == null ? null : lastAddress.cep(),
          lastAddress == null ? null : lastAddress.neighbourhood());
    }
  }

  private Map<String, Stats> orderTotals() {
    Map<String, Stats> totals = new HashMap<>();
    jdbc.sql(
            "select conversation_id, count(*) as orders, sum(total_cents) as spent,"
                + " max(created_at) as last_order from customer_order"
                + " where channel = ? and status <> 'cancelled' group by conversation_id")
        .param(Channel.WHATSAPP.id())
        .query((RowCallbackHandler) rs -> totals.put(rs.getString("conversation_id"), totals(rs)));
    return totals;
  }

  /**
   * Orders, spend and last order from a row of {@code orders}, {@code spent}, {@code last_order}.
   */
  private static Stats totals(ResultSet rs) throws SQLException {
    Timestamp last = rs.getTimestamp("last_order");
    return new Stats(
        rs.getInt("orders"),
        rs.getLong("spent"),
        last == null ? null : last.toInstant(),
        null,
        null,
        null,
        null);
  }

  static boolean matches(CampaignDefinition.Segment segment, Stats stats, Instant now) {
    if (segment.orderedWithinDays() != null
        && (stats.lastOrderAt() == null
            || stats
                .lastOrderAt()
                .isBefore(now.minus(Duration.ofDays(segment.orderedWithinDays()))))) {
      return false;
    }
    if (segment.notOrderedForDays() != null
        && stats.lastOrderAt() != null
        && stats.lastOrderAt().isAfter(now.minus(Duration.ofDays(segment.notOrderedForDays())))) {
      return false;
    }
    if (segment.minOrders() != null && stats.orders() < segment.minOrders()) {
      return false;
    }
    if (segment.minSpendCents() != null && stats.spentCents() < segment.minSpendCents()) {
      return false;
    }
    if (segment.favouriteCategory() != null
        && !segment
            .favouriteCategory()
            .equalsIgnoreCase(String.valueOf(stats.favouriteCategory()))) {
      return false;
    }
    if (!segment.cepPrefixes().isEmpty()
        && (stats.cep() == null
            || segment.cepPrefixes().stream()
                .noneMatch(p -> stats.cep().replaceAll("\\D", "").startsWith(p)))) {
      return false;
    }
    return segment.neighbourhoods().isEmpty()
        || (stats.neighbourhood() != null
            && segment.neighbourhoods().stream()
                .anyMatch(n -> folded(n).equals(folded(stats.neighbourhood()))));
  }

  private static String most(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  /** "Vila Madalena", "vila madalena" and "Vila Madalena" are one place; so are accents. */
  private static String folded(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .replaceAll("\\s+", " ")
        .strip()
        .toLowerCase(Locale.ROOT);
  }

  private record Customer(String id, String phone, String name) {}
}
