package com.posmodern.omnichannel.platform.sqs;

/**
 * Queue names as the YAML routes need them ({@code {{bean:queueNames.inbound}}}): the inbound
 * queue's name comes from {@code SQS_QUEUE_URL} when that is set.
 */
public class QueueNames {

  private final SqsProperties properties;

  public QueueNames(SqsProperties properties) {
    this.properties = properties;
  }

  /** The inbound FIFO queue. */
  public String inbound() {
    return properties.inboundQueueName();
  }
}
