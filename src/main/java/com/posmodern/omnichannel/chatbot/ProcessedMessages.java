package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.CanonicalMessage;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The exactly-once guard (table {@code processed_message}): a message id is claimed in the same
 * transaction that applies its effects, so a redelivered message changes nothing twice, on any
 * instance.
 */
public class ProcessedMessages {

  private final JdbcClient jdbc;
  private final Clock clock;

  public ProcessedMessages(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Claims the message; false when it was already processed. A concurrent claim of the same id
   * waits for the other transaction and then returns false.
   */
  public boolean claim(CanonicalMessage message) {
    return jdbc.sql(
                "insert into processed_message (message_id, conversation_id, channel, kind, processed_at)"
                    + " values (?,?,?,?,?) on conflict do nothing")
            .params(
                message.messageId(),
                message.conversationId(),
                message.channel().id(),
                message.kind().name(),
                Timestamp.from(clock.instant()))
            .update()
        == 1;
  }
}
