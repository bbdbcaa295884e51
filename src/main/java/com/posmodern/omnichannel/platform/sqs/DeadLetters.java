package com.posmodern.omnichannel.platform.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.canonical.LogMask;
import com.posmodern.omnichannel.platform.metrics.OmnichannelMetrics;
import io.micrometer.core.instrument.Counter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The dead-letter queues as an operator acts on them: what each holds, the messages in it, and, one
 * by one or all at once, replay (back onto the queue they came from, in their conversation's group)
 * or drop. SQS cannot look into a queue without receiving: a listing receives the messages with a
 * short visibility timeout and releases them at once (so two operators listing at the same moment
 * may each see part). A replayed message is sent before it is deleted: a crash between the two
 * replays it twice, and the chatbot's processed-message claim absorbs the second. Used by {@code
 * OperatorApiController}; the queue gauges ({@code omnichannel_queue_messages}) already show each
 * dead-letter queue's depth, and {@code omnichannel_dead_letters_total{queue, action}} counts what
 * operators did.
 */
public class DeadLetters {

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  /** How long a listing holds the messages it looks at before releasing them. */
  private static final Duration HOLD = Duration.ofSeconds(30);

  private static final int MAX_BATCH_ENTRIES = 10;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One dead-letter queue and where its messages go back to.
   *
   * @param deadLetterQueue the dead-letter queue's name
   * @param url its URL, resolved when first needed (the app starts while SQS is down)
   * @param source the name of the queue (or shards) it collects from, for people
   * @param writerForGroup the writer of the queue a message of this group goes back to
   */
  public record Queue(
      String deadLetterQueue,
      Supplier<String> url,
      String source,
      Function<String, FifoQueueWriter> writerForGroup) {}

  /**
   * A dead-letter queue's counts.
   *
   * @param waiting messages waiting to be acted on
   * @param inFlight messages received right now (a listing or a replay in progress)
   */
  public record Summary(String queue, String source, long waiting, long inFlight) {}

  /**
   * One dead letter as an operator sees it: never the customer's text or number.
   *
   * @param conversation the message group (the conversation), masked
   * @param receiveCount receives so far, the failed ones on the source queue included
   * @param channel the channel attribute, when the message has one
   * @param kind the canonical message's kind or an order event's type, or "unreadable"
   */
  public record Letter(
      String messageId,
      String conversation,
      String deduplicationId,
      int receiveCount,
      Instant sentAt,
      String channel,
      String kind,
      int bytes) {}

  private final SqsClient sqs;
  private final Map<String, Queue> queues = new LinkedHashMap<>();
  private final OmnichannelMetrics metrics;

  public DeadLetters(SqsClient sqs, List<Queue> queues, OmnichannelMetrics metrics) {
    this.sqs = sqs;
    this.metrics = metrics;
    queues.forEach(queue -> this.queues.put(queue.deadLetterQueue(), queue));
  }

  /** Each dead-letter queue with its counts. */
  public List<Summary> summaries() {
    List<Summary> summaries = new ArrayList<>();
    for (Queue queue : queues.values()) {
      QueueDepth depth = QueueDepth.of(sqs, queue.deadLetterQueue());
      summaries.add(
          new Summary(queue.deadLetterQueue(), queue.source(), depth.visible(), depth.inFlight()));
    }
    return summaries;
  }

  /** Up to {@code limit} messages of a dead-letter queue, oldest first per conversation. */
  public List<Letter> list(String queueName, int limit) {
    Queue queue = queue(queueName);
    List<Message> seen = receive(queue, limit, message -> true);
    release(queue, seen);
    return seen.stream().map(DeadLetters::letter).toList();
  }

  /**
   * Puts one dead letter back on the queue it came from, at the end of its conversation's group.
   *
   * @return whether it was found
   */
  public boolean replay(String queueName, String messageId) {
    return act(queueName, messageId, true) == 1;
  }

  /** Puts up to {@code limit} dead letters back, each conversation's in their order. */
  public int replayAll(String queueName, int limit) {
    return act(queueName, null, true, limit);
  }

  /**
   * Deletes one dead letter for good.
   *
   * @return whether it was found
   */
  public boolean drop(String queueName, String messageId) {
    return act(queueName, messageId, false) == 1;
  }

  private int act(String queueName, String messageId, boolean replay) {
    return act(queueName, messageId, replay, Integer.MAX_VALUE);
  }

  private int act(String queueName, String messageId, boolean replay, int limit) {
    Queue queue = queue(queueName);
    Predicate<Message> wanted =
        messageId == null ? message -> true : message -> message.messageId().equals(messageId);
    List<Message> seen = receive(queue, messageId == null ? limit : 1, wanted);
    List<Message> chosen = seen.stream().filter(wanted).toList();
    release(queue, seen.stream().filter(wanted.negate()).toList());
    if (chosen.isEmpty()) {
      return 0;
    }
    try {
      if (replay) {
        sendBack(queue, chosen);
      }
      delete(queue, chosen);
    } catch (RuntimeException e) {
      release(queue, chosen);
      throw e;
    }
    String action = replay ? "replayed" : "dropped";
    Counter.builder("omnichannel.dead.letters")
        .description("Dead letters an operator replayed or dropped")
        .tag("queue", queue.deadLetterQueue())
        .tag("action", action)
        .register(metrics.registry())
        .increment(chosen.size());
    log.info("{} {} message(s) of {}", action, chosen.size(), queue.deadLetterQueue());
    return chosen.size();
  }

  /**
   * Receives (and holds) messages until {@code wanted} matched {@code limit} of them or the queue
   * has none left to give.
   */
  private List<Message> receive(Queue queue, int limit, Predicate<Message> wanted) {
    List<Message> seen = new ArrayList<>();
    int matched = 0;
    while (matched < limit) {
      int max = (int) Math.min(MAX_BATCH_ENTRIES, Math.max(1, (long) limit - matched));
      List<Message> batch =
          sqs.receiveMessage(
                  b ->
                      b.queueUrl(queue.url().get())
                          .maxNumberOfMessages(max)
                          .visibilityTimeout((int) HOLD.toSeconds())
                          .waitTimeSeconds(1)
                          .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                          .messageAttributeNames("All"))
              .messages();
      if (batch.isEmpty()) {
        break;
      }
      seen.addAll(batch);
      matched += (int) batch.stream().filter(wanted).count();
    }
    return seen;
  }

  private void sendBack(Queue queue, List<Message> messages) {
    Map<FifoQueueWriter, List<FifoQueueWriter.FifoMessage>> byWriter = new LinkedHashMap<>();
    for (Message message : messages) {
      String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
      if (group == null) {
        throw new IllegalStateException(
            "Dead letter " + message.messageId() + " has no message group: not a FIFO message");
      }
      Map<String, String> attributes = new LinkedHashMap<>();
      message
          .messageAttributes()
          .forEach(
              (name, value) -> {
                if (value.stringValue() != null) {
                  attributes.put(name, value.stringValue());
                }
              });
      byWriter
          .computeIfAbsent(queue.writerForGroup().apply(group), writer -> new ArrayList<>())
          .add(
              new FifoQueueWriter.FifoMessage(
                  group, "replay-" + message.messageId(), message.body(), attributes));
    }
    byWriter.forEach(FifoQueueWriter::sendAll);
  }

  private void delete(Queue queue, List<Message> messages) {
    for (int from = 0; from < messages.size(); from += MAX_BATCH_ENTRIES) {
      List<Message> part =
          messages.subList(from, Math.min(messages.size(), from + MAX_BATCH_ENTRIES));
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < part.size(); i++) {
        entries.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .receiptHandle(part.get(i).receiptHandle())
                .build());
      }
      var failed =
          sqs.deleteMessageBatch(b -> b.queueUrl(queue.url().get()).entries(entries)).failed();
      if (!failed.isEmpty()) {
        throw new IllegalStateException(
            "SQS did not delete "
                + failed.size()
                + " dead letter(s): "
                + failed.get(0).code()
                + " "
                + failed.get(0).message());
      }
    }
  }

  /** Makes held messages visible again at once. */
  private void release(Queue queue, List<Message> messages) {
    for (int from = 0; from < messages.size(); from += MAX_BATCH_ENTRIES) {
      List<Message> part =
          messages.subList(from, Math.min(messages.size(), from + MAX_BATCH_ENTRIES));
      List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < part.size(); i++) {
        entries.add(
            ChangeMessageVisibilityBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .receiptHandle(part.get(i).receiptHandle())
                .visibilityTimeout(0)
                .build());
      }
      try {
        sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queue.url().get()).entries(entries));
      } catch (RuntimeException e) {
        log.warn(
            "Dead letters of {} stay hidden for up to {} s: {}",
            queue.deadLetterQueue(),
            HOLD.toSeconds(),
            e.toString());
      }
    }
  }

  private Queue queue(String name) {
    Queue queue = queues.get(name);
    if (queue == null) {
      throw new NoSuchElementException(
          "No dead-letter queue " + name + "; there are: " + String.join(", ", queues.keySet()));
    }
    return queue;
  }

  private static Letter letter(Message message) {
    Map<MessageSystemAttributeName, String> system = message.attributes();
    String group = system.get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
    var channel = message.messageAttributes().get(InboundQueue.CHANNEL_ATTRIBUTE);
    return new Letter(
        message.messageId(),
        group == null ? null : LogMask.conversation(group),
        system.get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID),
        parse(system.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)),
        millis(system.get(MessageSystemAttributeName.SENT_TIMESTAMP)),
        channel == null ? null : channel.stringValue(),
        kind(message.body()),
        message.body().getBytes(StandardCharsets.UTF_8).length);
  }

  private static String kind(String body) {
    try {
      JsonNode json = JSON.readTree(body);
      for (String field : List.of("kind", "type", "status")) {
        if (json.path(field).isTextual()) {
          return json.path(field).asText();
        }
      }
      return "json";
    } catch (Exception e) {
      return "unreadable";
    }
  }

  private static int parse(String number) {
    try {
      return number == null ? 0 : Integer.parseInt(number);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Instant millis(String epochMillis) {
    try {
      return epochMillis == null ? null : Instant.ofEpochMilli(Long.parseLong(epochMillis));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
