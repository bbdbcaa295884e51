package com.posmodern.omnichannel.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases a customer's personal data everywhere the app keeps it (LGPD art. 18 VI, GDPR art. 17):
 * the conversation with its state (name, phone, address), its message history, its replies, its
 * marketing events and ad attribution are deleted; what the restaurant must keep (orders, for tax
 * and accounting; the consent ledger, as proof) stays with the customer's name, phone, address and
 * comments removed and the conversation replaced by a pseudonym nothing leads back from. Each
 * erasure gets a confirmation code whose status anyone holding it can read.
 */
public class PersonalData {

  private static final Logger log = LoggerFactory.getLogger(PersonalData.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An erasure's record, as the status page shows it. */
  public record Deletion(
      String confirmationCode,
      String source,
      String status,
      int conversations,
      Instant requestedAt,
      Instant completedAt) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Duration retention;

  /**
   * @param retention how long personal data of a conversation nobody writes in is kept
   */
  public PersonalData(
      JdbcClient jdbc, TransactionTemplate transactions, Clock clock, Duration retention) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.clock = clock;
    this.retention = retention;
  }

  /** Erases what the retention period no longer allows to keep (the retention route's step). */
  public int purgeExpired() {
    return purgeOlderThan(retention);
  }

  /**
   * Erases the data of a Meta user (Messenger page-scoped or Instagram-scoped id, as our webhooks
   * received it) and returns the erasure's record.
   */
  public Deletion eraseMetaUser(String userId) {
    return erase(
        "meta-data-deletion",
        () ->
            jdbc.sql(
                    "select id from conversation where customer_id = ? and channel in ('messenger', 'instagram')")
                .param(userId)
                .query(String.class)
                .list());
  }

  /** Erases one conversation's data (an operator acting on a customer's request). */
  public Deletion eraseConversation(String conversationId, String source) {
    return erase(source, () -> List.of(conversationId));
  }

  /**
   * Erases the conversations nobody wrote in for longer than the retention period; returns how
   * many.
   */
  public int purgeOlderThan(Duration retention) {
    Instant cutoff = clock.instant().minus(retention);
    List<String> stale =
        jdbc.sql(
                "select id from conversation where coalesce(last_inbound_at, updated_at) < ? order by id limit 500")
            .param(Timestamp.from(cutoff))
            .query(String.class)
            .list();
    for (String conversation : stale) {
      erase("retention", () -> List.of(conversation));
    }
    if (!stale.isEmpty()) {
      log.info(
          "Retention: personal data of {} conversation(s) older than {} erased",
          stale.size(),
          retention);
    }
    return stale.size();
  }

  /** The record of an erasure. */
  public java.util.Optional<Deletion> deletion(String confirmationCode) {
    return jdbc.sql(
            "select confirmation_code, source, status, conversations, requested_at, completed_at"
                + " from data_deletion where confirmation_code = ?")
        .param(confirmationCode)
        .query(
            (rs, row) ->
                new Deletion(
                    rs.getString("confirmation_code"),
                    rs.getString("source"),
                    rs.getString("status"),
                    rs.getInt("conversations"),
                    rs.getTimestamp("requested_at").toInstant(),
                    rs.getTimestamp("completed_at") == null
                        ? null
                        : rs.getTimestamp("completed_at").toInstant()))
        .optional();
  }

  /**
   * A new pseudonym for an erased conversation, where a record must stay: random, so nothing (not
   * even the customer's number) leads back to it.
   */
  static String newPseudonym() {
    return "erased:" + UUID.randomUUID().toString().replace("-", "");
  }

  private Deletion erase(String source, java.util.function.Supplier<List<String>> subjects) {
    String code =
        UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase(Locale.ROOT);
    Instant now = clock.instant();
    int erased =
        transactions.execute(
            status -> {
              List<String> conversations = subjects.get();
              for (String conversation : conversations) {
                eraseOne(conversation);
              }
              jdbc.sql(
                      "insert into data_deletion (confirmation_code, source, status, conversations,"
                          + " requested_at, completed_at) values (?, ?, 'COMPLETED', ?, ?, ?)")
                  .params(
                      code,
                      source,
                      conversations.size(),
                      Timestamp.from(now),
                      Timestamp.from(clock.instant()))
                  .update();
              return conversations.size();
            });
    log.info(
        "Personal data erased ({}): {} conversation(s), confirmation {}", source, erased, code);
    return deletion(code).orElseThrow();
  }

  private void eraseOne(String conversationId) {
    // Taken first: a turn of this conversation running now finishes before, and one starting now
    // waits for the erasure (and then finds no conversation).
    if (jdbc.sql("select id from conversation where id = ? for update")
        .param(conversationId)
        .query(String.class)
        .optional()
        .isEmpty()) {
      return;
    }
    String pseudonym = newPseudonym();
    String customerId =
        jdbc.sql("select customer_id from conversation where id = ?")
            .param(conversationId)
            .query(String.class)
            .optional()
            .orElse(null);
    jdbc.sql("delete from conversation_message where conversation_id = ?")
        .param(conversationId)
        .update();
    jdbc.sql("delete from outbound_message where conversation_id = ?")
        .param(conversationId)
        .update();
    jdbc.sql("delete from marketing_event where conversation_id = ?")
        .param(conversationId)
        .update();
    jdbc.sql("delete from marketing_attribution where conversation_id = ?")
        .param(conversationId)
        .update();
    // Campaign lists hold the phone: an erased customer leaves them (and is never sent to).
    jdbc.sql("delete from campaign_recipient where conversation_id = ?")
        .param(conversationId)
        .update();
    if (customerId != null) {
      // what the sandbox recorded for or about this customer (its own requests and marketing
      // events)
      jdbc.sql("delete from sandbox_request where recipient = ? or body like ?")
          .params(customerId, "%" + customerId + "%")
          .update();
    }
    jdbc.sql("update consent_ledger set conversation_id = ? where conversation_id = ?")
        .params(pseudonym, conversationId)
        .update();
    jdbc.sql("update processed_message set conversation_id = ? where conversation_id = ?")
        .params(pseudonym, conversationId)
        .update();
    jdbc.sql(
            "update order_feedback set conversation_id = ?, comment = null where conversation_id = ?")
        .params(pseudonym, conversationId)
        .update();
    List<String[]> orders =
        jdbc.sql("select id, body from customer_order where conversation_id = ?")
            .param(conversationId)
            .query((rs, row) -> new String[] {rs.getString("id"), rs.getString("body")})
            .list();
    for (String[] order : orders) {
      jdbc.sql("update customer_order set conversation_id = ?, body = ? where id = ?")
          .params(pseudonym, anonymisedOrder(order[1], pseudonym), order[0])
          .update();
      List<String[]> outbox =
          jdbc.sql("select id, body from pos_outbox where order_id = ?")
              .param(order[0])
              .query((rs, row) -> new String[] {rs.getString("id"), rs.getString("body")})
              .list();
      for (String[] row : outbox) {
        jdbc.sql("update pos_outbox set body = ? where id = ?")
            .params(anonymisedOrder(row[1], pseudonym), Long.parseLong(row[0]))
            .update();
      }
    }
    jdbc.sql("delete from conversation where id = ?").param(conversationId).update();
  }

  /** An order as JSON without the customer's name, phone and address. */
  static String anonymisedOrder(String body, String pseudonym) {
    try {
      JsonNode node = JSON.readTree(body);
      if (!(node instanceof ObjectNode order)) {
        return body;
      }
      anonymise(order, pseudonym);
      if (order.get("order") instanceof ObjectNode nested) {
        anonymise(nested, pseudonym);
      }
      return order.toString();
    } catch (IOException e) {
      return "{}";
    }
  }

  private static void anonymise(ObjectNode order, String pseudonym) {
    if (order.has("conversationId")) {
      order.put("conversationId", pseudonym);
    }
    if (order.has("customer")) {
      order.putObject("customer").putNull("name").putNull("phone");
    }
    if (order.has("address")) {
      order.putNull("address");
    }
  }
}
