package com.posmodern.omnichannel.platform.sqs;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A queue's approximate message counts, as SQS reports them (GetQueueAttributes: waiting, and
 * received but not yet deleted). Read by the queue gauges and by the validator.
 *
 * @param visible messages waiting to be received
 * @param inFlight messages received and not yet deleted
 */
public record QueueDepth(long visible, long inFlight) {

  /**
   * Reads the counts of a queue by name.
   *
   * @throws software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException when there is no
   *     such queue
   */
  public static QueueDepth of(SqsClient sqs, String queue) {
    String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(
                b ->
                    b.queueUrl(url)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return new QueueDepth(
        count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
        count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  /** All messages the queue holds, waiting or in flight. */
  public long total() {
    return visible + inFlight;
  }

  private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
    return Long.parseLong(attributes.getOrDefault(name, "0"));
  }
}
