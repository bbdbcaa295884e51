package com.posmodern.omnichannel.platform.sqs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends messages to a FIFO queue in {@code SendMessageBatch} calls that fill up by themselves under
 * load: a caller hands over its messages and waits; a few sender threads each take what is waiting
 * (up to 10 messages, 256 KiB) and send it in one call. Alone, a message goes at once; under load,
 * one call carries many webhooks, which is what keeps a persistent queue fast. Each entry keeps its
 * own deduplication id and group (Camel's batch producer cannot), and the messages of one caller
 * are sent in order in one thread.
 */
public class FifoQueueWriter implements AutoCloseable {

  /** One message for the queue. */
  public record FifoMessage(
      String groupId, String deduplicationId, String body, Map<String, String> attributes) {}

  private static final Logger log = LoggerFactory.getLogger(FifoQueueWriter.class);
  private static final int MAX_BATCH_ENTRIES = 10;
  private static final int MAX_BATCH_BYTES = 256 * 1024;

  private record Submission(List<FifoMessage> messages, CompletableFuture<Void> done) {}

  private final SqsClient sqs;
  private final java.util.function.Supplier<String> queueUrl;
  private final long timeoutMillis;
  private final BlockingQueue<Submission> waiting = new LinkedBlockingQueue<>();
  private final ExecutorService senders;
  private volatile boolean running = true;

  /**
   * @param name names the sender threads ({@code sqs-batch-sender-<name>-<n>}), e.g. the queue
   */
  public FifoQueueWriter(
      SqsClient sqs,
      java.util.function.Supplier<String> queueUrl,
      String name,
      java.time.Duration timeout,
      int senderThreads) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.timeoutMillis = timeout.toMillis();
    AtomicInteger counter = new AtomicInteger();
    this.senders =
        Executors.newFixedThreadPool(
            senderThreads,
            task -> {
              Thread thread =
                  new Thread(task, "sqs-batch-sender-" + name + "-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    for (int i = 0; i < senderThreads; i++) {
      senders.execute(this::sendLoop);
    }
  }

  /**
   * Sends the messages and returns once SQS accepted all of them. The queue URL is resolved on
   * first use, so the app starts (and answers 503) while the queue service is down.
   *
   * @throws QueueUnavailableException when SQS refused one or did not answer in time; nothing is
   *     retried here, the caller's caller (the platform) retries the whole webhook and
   *     deduplication absorbs the repeats
   */
  public void sendAll(List<FifoMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    Submission submission = new Submission(List.copyOf(messages), new CompletableFuture<>());
    waiting.add(submission);
    try {
      submission.done().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new QueueUnavailableException(
          "SQS did not accept the message: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new QueueUnavailableException("SQS did not answer within " + timeoutMillis + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueueUnavailableException("Interrupted while waiting for SQS", e);
    }
  }

  private void sendLoop() {
    List<Submission> batch = new ArrayList<>();
    while (running) {
      try {
        Submission first = waiting.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        int entries = first.messages().size();
        int bytes = size(first);
        Submission next;
        while (entries < MAX_BATCH_ENTRIES && (next = waiting.peek()) != null) {
          int nextBytes = size(next);
          if (entries + next.messages().size() > MAX_BATCH_ENTRIES
              || bytes + nextBytes > MAX_BATCH_BYTES) {
            break;
          }
          if (waiting.remove(next)) {
            batch.add(next);
            entries += next.messages().size();
            bytes += nextBytes;
          }
        }
        send(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        batch.forEach(s -> s.done().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void send(List<Submission> submissions) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    List<Submission> owners = new ArrayList<>();
    for (Submission submission : submissions) {
      for (FifoMessage message : submission.messages()) {
        entries.add(entry(Integer.toString(entries.size()), message));
        owners.add(submission);
        if (entries.size() == MAX_BATCH_ENTRIES) {
          flush(entries, owners);
        }
      }
    }
    if (!entries.isEmpty()) {
      flush(entries, owners);
    }
    submissions.forEach(s -> s.done().complete(null));
  }

  private void flush(List<SendMessageBatchRequestEntry> entries, List<Submission> owners) {
    SendMessageBatchResponse response =
        sqs.sendMessageBatch(b -> b.queueUrl(queueUrl.get()).entries(entries));
    for (BatchResultErrorEntry failed : response.failed()) {
      Submission owner = owners.get(Integer.parseInt(failed.id()));
      log.warn("SQS refused a message: {} {}", failed.code(), failed.message());
      owner
          .done()
          .completeExceptionally(
              new IllegalStateException(
                  "SQS refused it: " + failed.code() + " " + failed.message()));
    }
    entries.clear();
    owners.clear();
  }

  private static SendMessageBatchRequestEntry entry(String id, FifoMessage message) {
    var attributes = new java.util.HashMap<String, MessageAttributeValue>();
    message
        .attributes()
        .forEach(
            (name, value) ->
                attributes.put(
                    name,
                    MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
    return SendMessageBatchRequestEntry.builder()
        .id(id)
        .messageBody(message.body())
        .messageGroupId(message.groupId())
        .messageDeduplicationId(message.deduplicationId())
        .messageAttributes(attributes)
        .build();
  }

  private static int size(Submission submission) {
    int bytes = 0;
    for (FifoMessage message : submission.messages()) {
      bytes += message.body().getBytes(StandardCharsets.UTF_8).length + 512;
    }
    return bytes;
  }

  @Override
  public void close() {
    running = false;
    senders.shutdown();
    try {
      senders.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
