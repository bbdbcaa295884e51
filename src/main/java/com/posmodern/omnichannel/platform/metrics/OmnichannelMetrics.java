package com.posmodern.omnichannel.platform.metrics;

import com.posmodern.omnichannel.canonical.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The product's own meters, beside Camel's per-route ones (Prometheus names in brackets): messages
 * taken in per channel and kind ({@code omnichannel_messages_in_total}), replies per channel and
 * outcome: sent, refused, blocked, undelivered ({@code omnichannel_replies_total}), and marketing
 * events per platform and outcome ({@code omnichannel_marketing_events_total}). Queue depth and age
 * are {@link QueueMetrics}.
 */
public class OmnichannelMetrics {

  private final MeterRegistry registry;

  public OmnichannelMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A message a webhook put on the inbound queue. */
  public void messageIn(Channel channel, String kind) {
    Counter.builder("omnichannel.messages.in")
        .description("Messages taken in from the platforms' webhooks")
        .tag("channel", channel.id())
        .tag("kind", kind)
        .register(registry)
        .increment();
  }

  /** A reply's outcome: sent, refused (by the platform), blocked (send policy), undelivered. */
  public void reply(Channel channel, String outcome) {
    Counter.builder("omnichannel.replies")
        .description("Replies by outcome")
        .tag("channel", channel.id())
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** A marketing event's outcome: sent, failed, expired, retried, skipped. */
  public void marketingEvent(String sink, String outcome) {
    Counter.builder("omnichannel.marketing.events")
        .description("Marketing events by platform and outcome")
        .tag("sink", sink)
        .tag("outcome", outcome.toLowerCase(java.util.Locale.ROOT))
        .register(registry)
        .increment();
  }

  /** The registry, for gauges. */
  public MeterRegistry registry() {
    return registry;
  }
}
