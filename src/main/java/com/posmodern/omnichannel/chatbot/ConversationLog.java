package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.Attachment;
import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.reply.Card;
import com.posmodern.omnichannel.canonical.reply.CardsPart;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.ImagePart;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.TemplatePart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The readable history of each conversation (table {@code conversation_message}): what the customer
 * wrote, what the bot and the people answered. Shown to agents when a conversation is handed over.
 */
public class ConversationLog {

  /**
   * One line of history.
   *
   * @param attachments what a customer's message carried (media the agent API can fetch)
   */
  public record Entry(
      long id,
      String direction,
      String author,
      String text,
      String at,
      List<Attachment> attachments) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public ConversationLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Records a customer message. */
  public void inbound(String conversationId, CanonicalMessage message) {
    String text =
        message.text() != null
            ? message.text()
            : message.payload() != null
                ? "[" + message.payload() + "]"
                : "[" + message.kind().name().toLowerCase() + "]";
    write(conversationId, "in", "customer", text, message.attachments());
  }

  /** Records replies, by the bot or by a person ({@code agent:<name>}). */
  public void outbound(String conversationId, String author, List<ReplyPart> parts) {
    for (ReplyPart part : parts) {
      write(conversationId, "out", author, summary(part), List.of());
    }
  }

  /** The latest entries of a conversation, oldest first. */
  public List<Entry> history(String conversationId, int limit) {
    List<Entry> entries =
        jdbc.sql(
                "select id, direction, author, text, created_at, attachments from conversation_message"
                    + " where conversation_id = ? order by id desc limit ?")
            .params(conversationId, limit)
            .query(ConversationLog::toEntry)
            .list();
    List<Entry> oldestFirst = new ArrayList<>(entries);
    Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  /** One entry of a conversation, or empty. */
  public Optional<Entry> entry(String conversationId, long id) {
    return jdbc.sql(
            "select id, direction, author, text, created_at, attachments from conversation_message"
                + " where conversation_id = ? and id = ?")
        .params(conversationId, id)
        .query(ConversationLog::toEntry)
        .optional();
  }

  private void write(
      String conversationId,
      String direction,
      String author,
      String text,
      List<Attachment> attachments) {
    jdbc.sql(
            "insert into conversation_message (conversation_id, direction, author, text, created_at, attachments)"
                + " values (?,?,?,?,?,?)")
        .params(
            conversationId,
            direction,
            author,
            text.length() > 4000 ? text.substring(0, 4000) : text,
            Timestamp.from(clock.instant()),
            attachments.isEmpty() ? null : CanonicalJson.write(attachments))
        .update();
  }

  private static Entry toEntry(ResultSet rs, int row) throws SQLException {
    return new Entry(
        rs.getLong("id"),
        rs.getString("direction"),
        rs.getString("author"),
        rs.getString("text"),
        rs.getTimestamp("created_at").toInstant().toString(),
        attachments(rs.getString("attachments")));
  }

  private static List<Attachment> attachments(String json) {
    return json == null ? List.of() : List.of(CanonicalJson.read(json, Attachment[].class));
  }

  private static String summary(ReplyPart part) {
    if (part instanceof TextPart text) {
      return text.text();
    }
    if (part instanceof TemplatePart notification) {
      return notification.text();
    }
    if (part instanceof ChoicesPart choices) {
      return choices.text()
          + " ["
          + choices.choices().stream().map(c -> c.title()).collect(Collectors.joining(" | "))
          + "]";
    }
    if (part instanceof CardsPart cards) {
      return "[cards] "
          + cards.cards().stream().map(Card::title).collect(Collectors.joining(" | "));
    }
    ImagePart image = (ImagePart) part;
    return "[image " + image.url() + "] " + (image.caption() == null ? "" : image.caption());
  }
}
