package com.posmodern.omnichannel.platform.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the FIFO queues live and how the app talks to them, bound from {@code omnichannel.sqs.*}.
 *
 * @param mode {@code auto} (embedded unless an external queue is configured), {@code embedded} or
 *     {@code external}
 * @param queueUrl URL of the inbound queue on an external SQS ({@code SQS_QUEUE_URL}); its name and
 *     host are used
 * @param endpointOverride SQS endpoint of an SQS-compatible server such as ElasticMQ ({@code
 *     SQS_ENDPOINT})
 * @param region AWS region ({@code AWS_REGION})
 * @param accessKeyId AWS access key id ({@code AWS_ACCESS_KEY_ID}); blank means the SDK's default
 *     chain
 * @param secretAccessKey AWS secret access key ({@code AWS_SECRET_ACCESS_KEY})
 * @param inboundQueue name of the inbound FIFO queue
 * @param inboundDeadLetterQueue name of its dead-letter FIFO queue (shared by its shards)
 * @param inboundShards FIFO queues the inbound queue is spread over, by conversation ({@code
 *     SQS_INBOUND_SHARDS}): the named queue, then {@code <name>-1.fifo}, {@code <name>-2.fifo}, … 0
 *     (the default) means 4 on ElasticMQ (embedded, or an endpoint that is not AWS) and 1 on AWS
 *     SQS; see {@link #inboundShardCount}. Drain the queues before lowering it: a conversation may
 *     move to another queue
 * @param posOrdersQueue FIFO queue of confirmed orders to the POS
 * @param posOrdersDeadLetterQueue its dead-letter queue
 * @param posOrderEventsQueue FIFO queue of order status events from the POS and payment providers
 * @param posOrderEventsDeadLetterQueue its dead-letter queue
 * @param campaignSendsQueue FIFO queue of campaign messages to send (one group per customer)
 * @param campaignSendsDeadLetterQueue its dead-letter queue
 * @param maxReceiveCount receives before a message moves to the dead-letter queue
 * @param visibilityTimeout how long a received message stays hidden: covers the worst AI + send
 *     latency
 * @param createQueues create missing queues at start (always on for the embedded server)
 * @param sendTimeout how long a webhook waits for SQS to accept its messages before answering 503
 * @param senderThreads parallel batch senders to the inbound queue (each sends up to 10 messages
 *     per call), shared out over its shards
 * @param consumers parallel consumers of the inbound queue, shared out over its shards
 * @param waitTimeSeconds long-poll wait of each receive
 * @param embedded the in-process ElasticMQ server
 */
@ConfigurationProperties("omnichannel.sqs")
public record SqsProperties(
    Mode mode,
    String queueUrl,
    String endpointOverride,
    String region,
    String accessKeyId,
    String secretAccessKey,
    String inboundQueue,
    String inboundDeadLetterQueue,
    int inboundShards,
    String posOrdersQueue,
    String posOrdersDeadLetterQueue,
    String posOrderEventsQueue,
    String posOrderEventsDeadLetterQueue,
    String campaignSendsQueue,
    String campaignSendsDeadLetterQueue,
    int maxReceiveCount,
    Duration visibilityTimeout,
    boolean createQueues,
    Duration sendTimeout,
    int senderThreads,
    int consumers,
    int waitTimeSeconds,
    Embedded embedded) {

  private static final String FIFO_SUFFIX = ".fifo";

  /** The shards on ElasticMQ unless configured: as many as docker/elasticmq.conf declares. */
  private static final int ELASTICMQ_SHARDS = 4;

  public SqsProperties {
    if (inboundShards < 0) {
      throw new IllegalArgumentException(
          "omnichannel.sqs.inbound-shards (SQS_INBOUND_SHARDS) must be 0 (chosen by queue server)"
              + " or a number of queues, was "
              + inboundShards);
    }
  }

  /** How the queue server is chosen. */
  public enum Mode {
    AUTO,
    EMBEDDED,
    EXTERNAL
  }

  /**
   * The in-process ElasticMQ.
   *
   * @param host loopback interface to bind
   * @param port port to bind; 0 picks a free one
   * @param persistent keep messages in an H2 file so an acknowledged webhook survives a crash
   * @param storageUrl JDBC URL of that file
   */
  public record Embedded(String host, int port, boolean persistent, String storageUrl) {}

  /** Whether this configuration runs the in-process server. */
  public boolean embeddedMode() {
    return switch (mode) {
      case EMBEDDED -> true;
      case EXTERNAL -> false;
      case AUTO -> isBlank(queueUrl) && isBlank(endpointOverride) && isBlank(accessKeyId);
    };
  }

  /** The inbound queue name: taken from {@link #queueUrl} when one is set. */
  public String inboundQueueName() {
    if (isBlank(queueUrl)) {
      return inboundQueue;
    }
    String path = URI.create(queueUrl).getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * The inbound queue's shards, in order: the inbound queue itself, then {@code <name>-1.fifo}, …
   * {@code <name>-<n-1>.fifo}. With one shard, the inbound queue alone.
   */
  public List<String> inboundQueueNames() {
    int count = inboundShardCount();
    List<String> names = new ArrayList<>(count);
    for (int shard = 0; shard < count; shard++) {
      names.add(inboundShardName(shard));
    }
    return List.copyOf(names);
  }

  /**
   * The name shard number {@code shard} has, also beyond {@link #inboundShardCount} (the validator
   * looks there for messages a larger shard count left behind).
   */
  public String inboundShardName(int shard) {
    String first = inboundQueueName();
    if (shard == 0) {
      return first;
    }
    String base =
        first.endsWith(FIFO_SUFFIX)
            ? first.substring(0, first.length() - FIFO_SUFFIX.length())
            : first;
    return base + "-" + shard + FIFO_SUFFIX;
  }

  /** One shard's part of {@code total} threads or consumers: at least one. */
  public int perShard(int total) {
    int count = inboundShardCount();
    return Math.max(1, (total + count - 1) / count);
  }

  /**
   * How many shards the inbound queue has: {@link #inboundShards} when set, else 4 on ElasticMQ,
   * which serves each queue from one actor and whose FIFO receive slows down as waiting
   * conversations grow, and 1 on AWS SQS, where one queue's FIFO quota (300 calls/s per action, 10
   * messages per call) is far above a restaurant's traffic and high-throughput mode raises it.
   */
  public int inboundShardCount() {
    if (inboundShards > 0) {
      return inboundShards;
    }
    return !embeddedMode() && externalEndpoint() == null ? 1 : ELASTICMQ_SHARDS;
  }

  /**
   * The endpoint to call: the override, else the host of an SQS-compatible {@link #queueUrl} (not
   * AWS), else none (the SDK derives AWS's endpoint from the region).
   */
  public URI externalEndpoint() {
    if (!isBlank(endpointOverride)) {
      return URI.create(endpointOverride);
    }
    if (!isBlank(queueUrl)) {
      URI url = URI.create(queueUrl);
      if (!url.getHost().endsWith("amazonaws.com")) {
        return URI.create(url.getScheme() + "://" + url.getAuthority());
      }
    }
    return null;
  }

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
