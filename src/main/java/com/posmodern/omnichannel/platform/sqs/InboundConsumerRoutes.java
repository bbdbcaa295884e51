package com.posmodern.omnichannel.platform.sqs;

import org.apache.camel.builder.RouteBuilder;

/**
 * Makes one consumer route per inbound shard, {@code chatbot-consume-0} … {@code
 * chatbot-consume-<n-1>}, from the {@code chatbot-consume} route template that integration
 * engineers edit in {@code routes/30-chatbot/chatbot-consume.camel.yaml}. Only the number of shards
 * is configuration ({@code SQS_INBOUND_SHARDS}), so the routes are declared here rather than listed
 * in YAML. Each route gets its shard's number, queue name and URL, and its share of the consumers.
 */
public class InboundConsumerRoutes extends RouteBuilder {

  /** The id of the route template in the YAML file. */
  public static final String TEMPLATE = "chatbot-consume";

  private final QueueNames queueNames;
  private final SqsProperties properties;

  public InboundConsumerRoutes(QueueNames queueNames, SqsProperties properties) {
    this.queueNames = queueNames;
    this.properties = properties;
  }

  @Override
  public void configure() {
    int consumers = properties.perShard(properties.consumers());
    for (int shard = 0; shard < properties.inboundShardCount(); shard++) {
      templatedRoute(TEMPLATE)
          .routeId(TEMPLATE + "-" + shard)
          .parameter("shard", Integer.toString(shard))
          .parameter("queue", queueNames.inbound(shard))
          .parameter("queueUrl", queueNames.inboundUrl(shard))
          .parameter("consumers", Integer.toString(consumers));
    }
  }
}
