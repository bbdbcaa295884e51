package com.posmodern.omnichannel.platform.sqs;

import java.net.URI;

/**
 * Queue names and URLs as the YAML routes need them ({@code {{bean:queueNames.posOrderEvents}}}).
 * The consumers are given the queue URL up front whenever it can be known without asking SQS, so
 * the app starts (and answers 503) while the queue service is still coming up.
 */
public class QueueNames {

  /** The account id ElasticMQ puts in its queue URLs unless configured otherwise. */
  private static final String ELASTICMQ_ACCOUNT = "000000000000";

  private final SqsProperties properties;
  private final FifoQueues queues;
  private final boolean embedded;

  public QueueNames(SqsProperties properties, FifoQueues queues, boolean embedded) {
    this.properties = properties;
    this.queues = queues;
    this.embedded = embedded;
  }

  /** The name of one shard of the inbound queue. */
  public String inbound(int shard) {
    return properties.inboundQueueNames().get(shard);
  }

  /** The FIFO queue of order events the POS and payment providers publish. */
  public String posOrderEvents() {
    return properties.posOrderEventsQueue();
  }

  /** The FIFO queue of campaign messages to send. */
  public String campaignSends() {
    return properties.campaignSendsQueue();
  }

  /** The URL of the campaign sends queue. */
  public String campaignSendsUrl() {
    return sibling(campaignSends());
  }

  /** The FIFO queue of orders for the POS. */
  public String posOrders() {
    return properties.posOrdersQueue();
  }

  /**
   * The URL of one shard of the inbound queue: the first is {@code SQS_QUEUE_URL} when set and the
   * others are beside it; else the embedded server's, or the ElasticMQ URL under an endpoint
   * override; otherwise (AWS by region) it is looked up from SQS.
   */
  public String inboundUrl(int shard) {
    return sibling(inbound(shard));
  }

  /**
   * The URL of the POS order events queue (beside the inbound queue when {@code SQS_QUEUE_URL} is
   * set).
   */
  public String posOrderEventsUrl() {
    return sibling(posOrderEvents());
  }

  /** The URL of the POS orders queue. */
  public String posOrdersUrl() {
    return sibling(posOrders());
  }

  /** The URL of any of the app's queues by name, dead-letter queues included. */
  public String urlOf(String name) {
    return sibling(name);
  }

  private String sibling(String name) {
    if (!SqsProperties.isBlank(properties.queueUrl())) {
      String inbound = properties.queueUrl();
      return inbound.substring(0, inbound.lastIndexOf('/') + 1) + name;
    }
    return url(name);
  }

  private String url(String name) {
    URI endpoint = properties.externalEndpoint();
    if (!embedded && endpoint != null) {
      return endpoint.toString().replaceAll("/+$", "") + "/" + ELASTICMQ_ACCOUNT + "/" + name;
    }
    return queues.url(name);
  }
}
