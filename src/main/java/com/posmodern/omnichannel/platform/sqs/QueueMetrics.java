package com.posmodern.omnichannel.platform.sqs;

import com.posmodern.omnichannel.platform.metrics.OmnichannelMetrics;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Queue depth and the age of the oldest message, per queue (dead-letter queues included), as
 * gauges: {@code omnichannel_queue_messages{queue, state=visible|in_flight}} from SQS's approximate
 * counts, refreshed by the queue-metrics route (never on a scrape, so Prometheus does not hit SQS),
 * and {@code omnichannel_queue_oldest_message_age_seconds{queue}}: SQS has no attribute for it (AWS
 * reports it only to CloudWatch), so the consumer notes each received message's SentTimestamp and
 * the gauge shows the oldest seen since the last refresh while the queue holds messages, else 0.
 */
public class QueueMetrics {

  private static final Logger log = LoggerFactory.getLogger(QueueMetrics.class);

  private record Depth(AtomicLong visible, AtomicLong inFlight, AtomicLong oldestAgeSeconds) {}

  private final SqsClient sqs;
  private final List<String> queues;
  private final Clock clock;
  private final Map<String, Depth> depths = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> oldestSentMillis = new ConcurrentHashMap<>();

  public QueueMetrics(OmnichannelMetrics metrics, SqsClient sqs, List<String> queues, Clock clock) {
    this.sqs = sqs;
    this.queues = List.copyOf(queues);
    this.clock = clock;
    for (String queue : queues) {
      Depth depth = new Depth(new AtomicLong(), new AtomicLong(), new AtomicLong());
      depths.put(queue, depth);
      Gauge.builder("omnichannel.queue.messages", depth.visible(), AtomicLong::get)
          .description("Messages waiting in the queue (approximate)")
          .tag("queue", queue)
          .tag("state", "visible")
          .register(metrics.registry());
      Gauge.builder("omnichannel.queue.messages", depth.inFlight(), AtomicLong::get)
          .description("Messages received and not yet deleted (approximate)")
          .tag("queue", queue)
          .tag("state", "in_flight")
          .register(metrics.registry());
      Gauge.builder(
              "omnichannel.queue.oldest.message.age", depth.oldestAgeSeconds(), AtomicLong::get)
          .description("Age of the oldest message the consumer saw while the queue held messages")
          .baseUnit("seconds")
          .tag("queue", queue)
          .register(metrics.registry());
    }
  }

  /** The consumer received a message first sent at {@code sentTimestampMillis}. */
  public void received(String queue, String sentTimestampMillis) {
    if (sentTimestampMillis == null) {
      return;
    }
    try {
      long sent = Long.parseLong(sentTimestampMillis);
      oldestSentMillis
          .computeIfAbsent(queue, q -> new AtomicLong(Long.MAX_VALUE))
          .accumulateAndGet(sent, Math::min);
    } catch (NumberFormatException e) {
      // not SQS's epoch-millis attribute: nothing to note
    }
  }

  /**
   * A consumer of an inbound shard received a message (its SQS system attributes, as camel-aws2-sqs
   * hands them over).
   */
  public void receivedInbound(Map<?, ?> attributes, String queue) {
    if (attributes == null) {
      return;
    }
    for (Map.Entry<?, ?> attribute : attributes.entrySet()) {
      if (String.valueOf(attribute.getKey()).equalsIgnoreCase("SentTimestamp")) {
        received(queue, String.valueOf(attribute.getValue()));
      }
    }
  }

  /** Reads each queue's approximate counts (the queue-metrics route's step). */
  public void refresh() {
    Instant now = clock.instant();
    for (String queue : queues) {
      Depth depth = depths.get(queue);
      try {
        QueueDepth counts = QueueDepth.of(sqs, queue);
        depth.visible().set(counts.visible());
        depth.inFlight().set(counts.inFlight());
        AtomicLong oldest = oldestSentMillis.remove(queue);
        long age =
            counts.total() == 0 || oldest == null || oldest.get() == Long.MAX_VALUE
                ? 0
                : Math.max(0, (now.toEpochMilli() - oldest.get()) / 1000);
        depth.oldestAgeSeconds().set(age);
      } catch (RuntimeException e) {
        log.debug("Queue {} could not be measured: {}", queue, e.toString());
      }
    }
  }
}
