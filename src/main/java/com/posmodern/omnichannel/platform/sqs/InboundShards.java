package com.posmodern.omnichannel.platform.sqs;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The inbound queue spread over several FIFO queues (shards), each conversation always on the same
 * one, so its messages stay in order while the shards are written and consumed independently. Why:
 * ElasticMQ (the embedded queue, and the one docker-compose runs) serves each queue from one actor,
 * and its FIFO receive looks for a free message group by rebuilding the set of waiting groups once
 * for every group it has to skip because a message of it is in flight, so its cost grows with
 * waiting conversations times messages in flight; shards divide both and run in parallel. Driven
 * alone (bench/queue-shards.sh, bench/results/2026-11-26-queue-shards.txt), ElasticMQ carried 1.4
 * to 2.2 times the messages with four shards when the consumers kept up. On AWS SQS the default is
 * one shard (a FIFO queue takes 300 calls per second per action before high-throughput mode:
 * docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/troubleshooting-fifo-throttling-issues.html).
 *
 * <p>Owns each shard's batch writer and batch deleter; the sender threads and delete threads
 * configured for the inbound queue are shared out over the shards. The webhooks write through
 * {@link InboundQueue}; each {@code chatbot-consume-<shard>} route deletes through {@link
 * #deleteWhenDone}.
 */
public class InboundShards implements AutoCloseable {

  private final List<String> names;
  private final List<FifoQueueWriter> writers = new ArrayList<>();
  private final List<QueueDeletes> deletes = new ArrayList<>();

  public InboundShards(SqsClient sqs, QueueNames queueNames, SqsProperties properties) {
    this.names = properties.inboundQueueNames();
    int threads = properties.perShard(properties.senderThreads());
    for (int shard = 0; shard < names.size(); shard++) {
      int n = shard;
      writers.add(
          new FifoQueueWriter(
              sqs,
              () -> queueNames.inboundUrl(n),
              "inbound-" + shard,
              properties.sendTimeout(),
              threads));
      deletes.add(
          new QueueDeletes(
              sqs,
              () -> queueNames.inboundUrl(n),
              "inbound-" + shard,
              properties.sendTimeout(),
              threads));
    }
  }

  /**
   * The shard of a message group (the conversation): the same on every instance and after every
   * restart, since {@link String#hashCode()} is specified by the Java language.
   */
  public static int shardOf(String groupId, int shards) {
    return Math.floorMod(groupId.hashCode(), shards);
  }

  /** How many shards there are. */
  public int count() {
    return names.size();
  }

  /** The queue name of one shard. */
  public String name(int shard) {
    return names.get(shard);
  }

  /** The writer of the shard that holds this message group. */
  public FifoQueueWriter writerFor(String groupId) {
    return writers.get(shardOf(groupId, writers.size()));
  }

  /**
   * Deletes the exchange's message from its shard once the exchange completes without an exception
   * (see {@link QueueDeletes#deleteWhenDone}).
   */
  public void deleteWhenDone(Exchange exchange, int shard) {
    deletes.get(shard).deleteWhenDone(exchange);
  }

  /** Sends what is waiting, then stops the writers and deleters. */
  @Override
  public void close() {
    writers.forEach(FifoQueueWriter::close);
    deletes.forEach(QueueDeletes::close);
  }
}
