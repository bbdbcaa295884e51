package com.posmodern.omnichannel.platform.sqs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;

/**
 * Deletes consumed messages from a queue in {@code DeleteMessageBatch} calls of up to 10, instead
 * of one {@code DeleteMessage} call per message as the Camel consumer does with {@code
 * deleteAfterRead}: the deletes that the parallel consumers ask for at the same moment share one
 * call. A message is deleted once its exchange completed successfully, and its consumer waits for
 * that, as before (a message left in flight holds back its conversation's later ones, so deletes
 * must not pile up); a failed one stays on the queue for redelivery. A delete that is lost (SQS
 * refused it or did not answer in time) only means SQS delivers the message again after its
 * visibility timeout, and the chatbot's processed-message claim absorbs that repeat. Each {@code
 * chatbot-consume-<shard>} route calls {@link #deleteWhenDone} first, through {@link
 * InboundShards}.
 */
public class QueueDeletes implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(QueueDeletes.class);

  /** SQS takes at most 10 entries per batch call. */
  private static final int MAX_BATCH_ENTRIES = 10;

  private static final String RECEIPT_HANDLE = "CamelAwsSqsReceiptHandle";

  private record Delete(String receiptHandle, CompletableFuture<Void> done) {}

  private final SqsClient sqs;
  private final Supplier<String> queueUrl;
  private final long timeoutMillis;
  private final BlockingQueue<Delete> waiting = new LinkedBlockingQueue<>();
  private final List<Thread> deleters = new ArrayList<>();
  private volatile boolean running = true;

  /**
   * @param threads calls in flight at once: with as many consumers waiting, each call carries the
   *     deletes that arrived while the previous ones were on their way
   */
  public QueueDeletes(
      SqsClient sqs, Supplier<String> queueUrl, String name, Duration timeout, int threads) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.timeoutMillis = timeout.toMillis();
    for (int i = 1; i <= threads; i++) {
      Thread deleter = new Thread(this::deleteLoop, "sqs-batch-delete-" + name + "-" + i);
      deleter.setDaemon(true);
      deleter.start();
      deleters.add(deleter);
    }
  }

  /** Deletes the exchange's SQS message once the exchange completes without an exception. */
  public void deleteWhenDone(Exchange exchange) {
    String receiptHandle = exchange.getMessage().getHeader(RECEIPT_HANDLE, String.class);
    if (receiptHandle == null) {
      throw new IllegalStateException("Not an SQS message: no " + RECEIPT_HANDLE + " header");
    }
    exchange
        .getExchangeExtension()
        .addOnCompletion(
            new SynchronizationAdapter() {
              @Override
              public void onComplete(Exchange done) {
                delete(receiptHandle);
              }
            });
  }

  /** Deletes one message, sharing a batch call with the deletes asked for meanwhile. */
  void delete(String receiptHandle) {
    Delete delete = new Delete(receiptHandle, new CompletableFuture<>());
    waiting.add(delete);
    try {
      delete.done().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn(
          "SQS did not delete a handled message; it comes back after its visibility timeout and"
              + " is recognised as processed: {}",
          e instanceof ExecutionException ? e.getCause().toString() : "no answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deleteLoop() {
    List<Delete> batch = new ArrayList<>(MAX_BATCH_ENTRIES);
    while (running || !waiting.isEmpty()) {
      try {
        Delete first = waiting.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        waiting.drainTo(batch, MAX_BATCH_ENTRIES - 1);
        send(batch);
        batch.forEach(d -> d.done().complete(null));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        // Its consumers must not wait out the timeout; an Error still ends this thread.
        batch.forEach(d -> d.done().completeExceptionally(e));
        if (e instanceof Error error) {
          throw error;
        }
      } finally {
        batch.clear();
      }
    }
  }

  private void send(List<Delete> deletes) {
    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(deletes.size());
    for (int i = 0; i < deletes.size(); i++) {
      entries.add(
          DeleteMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .receiptHandle(deletes.get(i).receiptHandle())
              .build());
    }
    DeleteMessageBatchResponse response =
        sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl.get()).entries(entries));
    for (BatchResultErrorEntry failed : response.failed()) {
      log.warn(
          "SQS did not delete a handled message ({} {}); it comes back after its visibility"
              + " timeout and is recognised as processed",
          failed.code(),
          failed.message());
    }
  }

  /** Sends the deletes still waiting, then stops. */
  @Override
  public void close() {
    running = false;
    try {
      for (Thread deleter : deleters) {
        deleter.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
