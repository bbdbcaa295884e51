package com.posmodern.omnichannel.pos.orders;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The orders (table {@code customer_order}) and what the POS must be told about them (table {@code
 * pos_outbox}, relayed to {@code pos-orders.fifo} by the {@code pos-orders-relay} route). Every
 * change and its POS event are written together, inside the caller's transaction.
 */
public class OrderBook {

  /** Letters and digits that cannot be confused when read aloud or typed (no 0/O, 1/I/L). */
  private static final char[] CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();

  private final JdbcClient jdbc;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public OrderBook(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Stores a confirmed order under a new code and queues {@code order.confirmed} for the POS. */
  public Order place(Order draft) {
    Order order = draft.placedAs(newCode(), clock.instant());
    jdbc.sql(
            "insert into customer_order (id, conversation_id, channel, status, payment_method, payment_status,"
                + " total_cents, body, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?)")
        .params(
            order.id(),
            order.conversationId(),
            order.channel(),
            order.status().name(),
            order.paymentMethod(),
            order.paymentStatus(),
            order.totalCents(),
            CanonicalJson.write(order),
            now(),
            now())
        .update();
    queueForPos(order, "order.confirmed");
    return order;
  }

  /** The order with this code. */
  public Optional<Order> find(String id) {
    return jdbc.sql("select body, status, payment_status from customer_order where id = ?")
        .param(id)
        .query(OrderBook::read)
        .optional();
  }

  /** The latest orders of a conversation, newest first. */
  public List<Order> recent(String conversationId, int limit) {
    return jdbc.sql(
            "select body, status, payment_status from customer_order where conversation_id = ?"
                + " order by created_at desc, id limit ?")
        .params(conversationId, limit)
        .query(OrderBook::read)
        .list();
  }

  /**
   * Cancels an order the POS has not accepted yet and tells the POS; false when it is too late (or
   * already finished).
   */
  public boolean cancelByCustomer(String id) {
    int changed =
        jdbc.sql("update customer_order set status = ?, updated_at = ? where id = ? and status = ?")
            .params(OrderStatus.CANCELLED.name(), now(), id, OrderStatus.CONFIRMED.name())
            .update();
    if (changed == 1) {
      find(id).ifPresent(order -> queueForPos(order, "order.cancelled"));
    }
    return changed == 1;
  }

  /**
   * Records an order event id; false when it was seen before (the event must then change nothing).
   */
  public boolean recordEvent(String eventId, String orderId, String status) {
    return jdbc.sql(
                "insert into pos_event (event_id, order_id, status, received_at) values (?,?,?,?) on conflict do nothing")
            .params(eventId, orderId, status, now())
            .update()
        == 1;
  }

  /**
   * Moves an order to the status the POS reports; empty when the order is unknown or already
   * finished.
   *
   * @param etaMinutes the POS's new estimate, or null to keep the last one
   */
  public Optional<Order> applyStatus(String orderId, OrderStatus status, Integer etaMinutes) {
    Optional<Order> current = find(orderId);
    if (current.isEmpty() || current.get().status().finished()) {
      return Optional.empty();
    }
    Order updated = current.get().withStatus(status, etaMinutes);
    jdbc.sql("update customer_order set status = ?, body = ?, updated_at = ? where id = ?")
        .params(status.name(), CanonicalJson.write(updated), now(), orderId)
        .update();
    return Optional.of(updated);
  }

  /**
   * Records a confirmed payment once and tells the POS; empty when it was already paid or is
   * unknown.
   */
  public Optional<Order> markPaid(String orderId, String reference) {
    int changed =
        jdbc.sql(
                "update customer_order set payment_status = 'paid', payment_reference = ?, updated_at = ?"
                    + " where id = ? and payment_status = 'pending' and status <> ?")
            .params(reference, now(), orderId, OrderStatus.CANCELLED.name())
            .update();
    if (changed == 0) {
      return Optional.empty();
    }
    Optional<Order> order = find(orderId);
    order.ifPresent(o -> queueForPos(o, "order.paid"));
    return order;
  }

  /**
   * Stores the customer's rating (1–5) and optional comment of an order; a second rating replaces
   * the first.
   */
  public void saveFeedback(String orderId, String conversationId, int rating, String comment) {
    jdbc.sql("delete from order_feedback where order_id = ?").param(orderId).update();
    jdbc.sql(
            "insert into order_feedback (order_id, conversation_id, rating, comment, created_at) values (?,?,?,?,?)")
        .params(orderId, conversationId, rating, comment, now())
        .update();
  }

  /** Adds a comment to the rating already stored. */
  public void commentFeedback(String orderId, String comment) {
    jdbc.sql("update order_feedback set comment = ? where order_id = ?")
        .params(comment, orderId)
        .update();
  }

  private void queueForPos(Order order, String event) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("schemaVersion", 1);
    message.put("event", event);
    message.put("eventId", order.id() + ":" + event);
    message.put("occurredAt", clock.instant().toString());
    message.put("order", order);
    jdbc.sql(
            "insert into pos_outbox (order_id, event, body, status, created_at) values (?,?,?,'PENDING',?)"
                + " on conflict do nothing")
        .params(order.id(), event, CanonicalJson.write(message), now())
        .update();
  }

  private static Order read(ResultSet rs, int row) throws SQLException {
    Order stored = CanonicalJson.read(rs.getString("body"), Order.class);
    Order withStatus = stored.withStatus(OrderStatus.valueOf(rs.getString("status")), null);
    return new Order(
        withStatus.id(),
        withStatus.conversationId(),
        withStatus.channel(),
        withStatus.customer(),
        withStatus.fulfilment(),
        withStatus.address(),
        withStatus.items(),
        withStatus.subtotalCents(),
        withStatus.deliveryFeeCents(),
        withStatus.totalCents(),
        withStatus.paymentMethod(),
        rs.getString("payment_status"),
        withStatus.changeForCents(),
        withStatus.status(),
        withStatus.etaMinutes(),
        withStatus.createdAt());
  }

  private String newCode() {
    char[] code = new char[8];
    for (int i = 0; i < code.length; i++) {
      code[i] = CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)];
    }
    return new String(code);
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }
}
