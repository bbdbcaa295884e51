package com.posmodern.omnichannel.platform.sqs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The app's FIFO queues: creates them with their dead-letter queues and redrive policy when asked
 * to (always for the embedded server), and resolves queue URLs once. Used at start-up before any
 * route consumes, and by the queue writer.
 */
public class FifoQueues {

  private static final Logger log = LoggerFactory.getLogger(FifoQueues.class);

  private final SqsClient sqs;
  private final SqsProperties properties;
  private final Map<String, String> urls = new ConcurrentHashMap<>();

  public FifoQueues(SqsClient sqs, SqsProperties properties) {
    this.sqs = sqs;
    this.properties = properties;
  }

  /**
   * Creates (if needed) a FIFO queue and its FIFO dead-letter queue, wired with the configured
   * redrive policy.
   */
  public void ensureWithDeadLetter(String queue, String deadLetterQueue) {
    String dlqUrl = create(deadLetterQueue, Map.of());
    String dlqArn =
        sqs.getQueueAttributes(
                GetQueueAttributesRequest.builder()
                    .queueUrl(dlqUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)
                    .build())
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    String redrive =
        "{\"deadLetterTargetArn\":\"%s\",\"maxReceiveCount\":\"%d\"}"
            .formatted(dlqArn, properties.maxReceiveCount());
    create(queue, Map.of(QueueAttributeName.REDRIVE_POLICY, redrive));
    log.info(
        "FIFO queue {} ready (dead letters to {} after {} receives)",
        queue,
        deadLetterQueue,
        properties.maxReceiveCount());
  }

  /** The URL of a queue by name, resolved once. */
  public String url(String queue) {
    return urls.computeIfAbsent(queue, name -> sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
  }

  private String create(String name, Map<QueueAttributeName, String> extra) {
    var attributes = new java.util.HashMap<QueueAttributeName, String>(extra);
    attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
    attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false");
    attributes.put(
        QueueAttributeName.VISIBILITY_TIMEOUT,
        Long.toString(properties.visibilityTimeout().toSeconds()));
    String url;
    try {
      url =
          sqs.createQueue(
                  CreateQueueRequest.builder().queueName(name).attributes(attributes).build())
              .queueUrl();
    } catch (SqsException e) {
      // It exists with other attributes (restored from storage, or created by an earlier
      // configuration): keep it and
      // bring its changeable attributes up to date.
      url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
      attributes.remove(QueueAttributeName.FIFO_QUEUE);
      String existing = url;
      sqs.setQueueAttributes(b -> b.queueUrl(existing).attributes(attributes));
      log.info(
          "FIFO queue {} existed with other attributes: updated ({})",
          name,
          e.awsErrorDetails().errorMessage());
    }
    urls.put(name, url);
    return url;
  }
}
