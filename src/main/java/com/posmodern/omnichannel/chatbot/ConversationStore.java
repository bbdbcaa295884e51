package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Loads and saves conversations (table {@code conversation}) inside the caller's transaction. A
 * conversation is read {@code for update}, so a customer message and an order event for the same
 * conversation apply one after the other, on any instance.
 */
public class ConversationStore {

  private static final String COLUMNS =
      "id, channel, business_id, customer_id, customer_name, customer_phone, locale, state, last_inbound_at";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Locale defaultLocale;

  public ConversationStore(JdbcClient jdbc, Clock clock, Locale defaultLocale) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.defaultLocale = defaultLocale;
  }

  /**
   * The conversation a message belongs to, locked for this transaction, or a new one for its
   * sender.
   */
  public Conversation findOrStartForUpdate(CanonicalMessage message) {
    return findForUpdate(message.conversationId())
        .map(
            found ->
                message.sender().name() == null
                    ? found
                    : found.withCustomerName(message.sender().name()))
        .orElseGet(
            () ->
                new Conversation(
                    message.conversationId(),
                    message.channel(),
                    message.businessId(),
                    message.sender().id(),
                    message.sender().name(),
                    message.sender().phone(),
                    defaultLocale,
                    ConversationState.start(),
                    null,
                    true));
  }

  /** The stored conversation with this id, locked for this transaction. */
  public Optional<Conversation> findForUpdate(String id) {
    return jdbc.sql("select " + COLUMNS + " from conversation where id = ? for update")
        .param(id)
        .query(ConversationStore::read)
        .optional();
  }

  /** The stored conversation with this id. */
  public Optional<Conversation> find(String id) {
    return jdbc.sql("select " + COLUMNS + " from conversation where id = ?")
        .param(id)
        .query(ConversationStore::read)
        .optional();
  }

  /** A conversation with typed messages waiting to be answered as one turn. */
  public record DueBurst(String conversationId, Channel channel) {}

  /** Conversations whose burst of typed messages is due, at most {@code limit}, oldest first. */
  public List<DueBurst> burstsDue(Instant now, int limit) {
    return jdbc.sql(
            "select id, channel from conversation where burst_due <= ? order by burst_due"
                + " fetch first ? rows only")
        .param(Timestamp.from(now))
        .param(limit)
        .query(
            (rs, row) -> new DueBurst(rs.getString("id"), Channel.fromId(rs.getString("channel"))))
        .list();
  }

  /**
   * A conversation handed over to a person: since when, the id of its latest history entry (it
   * changes whenever the history does), when a person last answered since the hand-over (null: not
   * yet) and when the customer last wrote.
   */
  public record HandedOver(
      Conversation conversation,
      Instant since,
      long lastEntryId,
      Instant lastAgentReplyAt,
      Instant lastCustomerMessageAt) {}

  /** Conversations handed over to people, in the order they were handed over; one query. */
  public List<HandedOver> handedOver() {
    return jdbc.sql(
            "select "
                + COLUMNS
                + ", handoff_since,"
                + " (select max(m.id) from conversation_message m where m.conversation_id = c.id)"
                + " as last_entry_id,"
                + " (select max(m.created_at) from conversation_message m where m.conversation_id = c.id"
                + " and m.author like 'agent:%' and m.created_at >= c.handoff_since) as last_agent_at,"
                + " (select max(m.created_at) from conversation_message m where m.conversation_id = c.id"
                + " and m.direction = 'in') as last_customer_at"
                + " from conversation c where handoff_since is not null order by handoff_since")
        .query(
            (rs, row) ->
                new HandedOver(
                    read(rs, row),
                    toInstant(rs.getTimestamp("handoff_since")),
                    rs.getLong("last_entry_id"),
                    toInstant(rs.getTimestamp("last_agent_at")),
                    toInstant(rs.getTimestamp("last_customer_at"))))
        .list();
  }

  /** Saves the conversation after a customer message, stamping the time of that message. */
  public void saveAfterInbound(Conversation conversation) {
    save(conversation, true);
  }

  /** Saves a change not caused by the customer (an order event, an agent). */
  public void saveState(Conversation conversation) {
    save(conversation, false);
  }

  private void save(Conversation conversation, boolean inbound) {
    Timestamp now = Timestamp.from(clock.instant());
    String state = CanonicalJson.write(conversation.state());
    boolean human = conversation.state().step() == Step.HUMAN;
    Timestamp burstDue =
        conversation.state().burst() == null
            ? null
            : Timestamp.from(conversation.state().burst().due());
    if (conversation.isNew()) {
      jdbc.sql(
              "insert into conversation ("
                  + COLUMNS
                  + ", handoff_since, burst_due, created_at, updated_at)"
                  + " values (?,?,?,?,?,?,?,?,?,?,?,?,?)")
          .params(
              conversation.id(),
              conversation.channel().id(),
              conversation.businessId(),
              conversation.customerId(),
              conversation.customerName(),
              conversation.customerPhone(),
              conversation.locale().toLanguageTag(),
              state,
              inbound ? now : null,
              human ? now : null,
              burstDue,
              now,
              now)
          .update();
      return;
    }
    jdbc.sql(
            "update conversation set state = ?, locale = ?, customer_name = coalesce(?, customer_name),"
                + " last_inbound_at = case when ? then ? else last_inbound_at end,"
                + " handoff_since = case when ? then coalesce(handoff_since, ?) else null end, burst_due = ?,"
                + " updated_at = ? where id = ?")
        .params(
            state,
            conversation.locale().toLanguageTag(),
            conversation.customerName(),
            inbound,
            now,
            human,
            now,
            burstDue,
            now,
            conversation.id())
        .update();
  }

  private static Conversation read(ResultSet rs, int row) throws SQLException {
    return new Conversation(
        rs.getString("id"),
        Channel.fromId(rs.getString("channel")),
        rs.getString("business_id"),
        rs.getString("customer_id"),
        rs.getString("customer_name"),
        rs.getString("customer_phone"),
        Locale.forLanguageTag(rs.getString("locale")),
        CanonicalJson.read(rs.getString("state"), ConversationState.class),
        toInstant(rs.getTimestamp("last_inbound_at")),
        false);
  }

  private static Instant toInstant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
