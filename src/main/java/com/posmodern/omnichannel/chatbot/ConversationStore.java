package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.Channel;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Loads and saves conversations (table {@code conversation}); called inside the chatbot's
 * transaction.
 */
public class ConversationStore {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Locale defaultLocale;

  public ConversationStore(JdbcClient jdbc, Clock clock, Locale defaultLocale) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.defaultLocale = defaultLocale;
  }

  /** The conversation a message belongs to, or a new one for its sender. */
  public Conversation findOrStart(CanonicalMessage message) {
    return find(message.conversationId())
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

  /** The stored conversation with this id. */
  public Optional<Conversation> find(String id) {
    return jdbc.sql(
            "select id, channel, business_id, customer_id, customer_name, customer_phone, locale, state,"
                + " last_inbound_at from conversation where id = ?")
        .param(id)
        .query(
            (rs, row) ->
                new Conversation(
                    rs.getString("id"),
                    Channel.fromId(rs.getString("channel")),
                    rs.getString("business_id"),
                    rs.getString("customer_id"),
                    rs.getString("customer_name"),
                    rs.getString("customer_phone"),
                    Locale.forLanguageTag(rs.getString("locale")),
                    CanonicalJson.read(rs.getString("state"), ConversationState.class),
                    toInstant(rs.getTimestamp("last_inbound_at")),
                    false))
        .optional();
  }

  /** Saves the conversation after a customer message, stamping the time of that message. */
  public void saveAfterInbound(Conversation conversation) {
    Timestamp now = Timestamp.from(clock.instant());
    String state = CanonicalJson.write(conversation.state());
    if (conversation.isNew()) {
      jdbc.sql(
              "insert into conversation (id, channel, business_id, customer_id, customer_name, customer_phone,"
                  + " locale, state, last_inbound_at, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?)")
          .params(
              conversation.id(),
              conversation.channel().id(),
              conversation.businessId(),
              conversation.customerId(),
              conversation.customerName(),
              conversation.customerPhone(),
              conversation.locale().toLanguageTag(),
              state,
              now,
              now,
              now)
          .update();
    } else {
      jdbc.sql(
              "update conversation set state = ?, locale = ?, customer_name = coalesce(?, customer_name),"
                  + " last_inbound_at = ?, updated_at = ? where id = ?")
          .params(
              state,
              conversation.locale().toLanguageTag(),
              conversation.customerName(),
              now,
              now,
              conversation.id())
          .update();
    }
  }

  private static Instant toInstant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
