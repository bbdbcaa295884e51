package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.reply.Card;
import com.posmodern.omnichannel.canonical.reply.CardsPart;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.ImagePart;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.TemplatePart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The readable history of each conversation (table {@code conversation_message}): what the customer
 * wrote, what the bot and the people answered. Shown to agents when a conversation is handed over.
 */
public class ConversationLog {

  /** One line of history. */
  public record Entry(String direction, String author, String text, String at) {}

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
    write(conversationId, "in", "customer", text);
  }

  /** Records replies, by the bot or by a person ({@code agent:<name>}). */
  public void outbound(String conversationId, String author, List<ReplyPart> parts) {
    for (ReplyPart part : parts) {
      write(conversationId, "out", author, summary(part));
    }
  }

  /** The latest entries of a conversation, oldest first. */
  public List<Entry> history(String conversationId, int limit) {
    List<Entry> entries =
        jdbc.sql(
                "select direction, author, text, created_at from conversation_message where conversation_id = ?"
                    + " order by id desc limit ?")
            .params(conversationId, limit)
            .query(
                (rs, row) ->
                    new Entry(
                        rs.getString("direction"),
                        rs.getString("author"),
                        rs.getString("text"),
                        rs.getTimestamp("created_at").toInstant().toString()))
            .list();
    List<Entry> oldestFirst = new ArrayList<>(entries);
    Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  private void write(String conversationId, String direction, String author, String text) {
    jdbc.sql(
            "insert into conversation_message (conversation_id, direction, author, text, created_at) values (?,?,?,?,?)")
        .params(
            conversationId,
            direction,
            author,
            text.length() > 4000 ? text.substring(0, 4000) : text,
            Timestamp.from(clock.instant()))
        .update();
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
