package com.posmodern.omnichannel.platform.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Batched deletes against the real SQS protocol (the in-process ElasticMQ): a message is deleted
 * only when its exchange completes, a failed one stays in flight for redelivery, and a delete SQS
 * refuses is reported without failing the exchange.
 */
class QueueDeletesTest {

  private static EmbeddedSqsServer server;
  private static SqsClient sqs;
  private static DefaultCamelContext camel;

  @BeforeAll
  static void start() {
    server = EmbeddedSqsServer.start(new SqsProperties.Embedded("127.0.0.1", 0, false, "unused"));
    URI endpoint = server.endpoint();
    sqs =
        SqsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
    camel = new DefaultCamelContext();
  }

  @AfterAll
  static void stop() throws Exception {
    camel.close();
    sqs.close();
    server.close();
  }

  @Test
  void deletesMessagesWhoseExchangeCompletedAndKeepsFailedOnesInFlight() throws Exception {
    String queueUrl = fifoQueue("deletes-test.fifo");
    for (int i = 0; i < 30; i++) {
      int n = i;
      sqs.sendMessage(
          b ->
              b.queueUrl(queueUrl)
                  .messageBody("message " + n)
                  .messageGroupId("conversation-" + n)
                  .messageDeduplicationId("m-" + n));
    }
    List<Message> received = receiveAll(queueUrl, 30);
    List<Message> failing = received.subList(0, 5);
    List<Message> succeeding = received.subList(5, received.size());

    try (QueueDeletes deletes =
        new QueueDeletes(sqs, () -> queueUrl, "test", Duration.ofSeconds(5), 2)) {
      // Eight consumers completing at once: their deletes share batch calls.
      ExecutorService consumers = Executors.newFixedThreadPool(8);
      List<Future<?>> done = new ArrayList<>();
      for (Message message : succeeding) {
        done.add(consumers.submit(() -> complete(deletes, message, true)));
      }
      for (Message message : failing) {
        done.add(consumers.submit(() -> complete(deletes, message, false)));
      }
      for (Future<?> future : done) {
        future.get();
      }
      consumers.shutdown();
    }

    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(
                b ->
                    b.queueUrl(queueUrl)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    assertThat(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo("0");
    assertThat(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .as("the five failed messages wait for redelivery")
        .isEqualTo("5");
  }

  @Test
  void aDeleteSqsRefusesIsReportedAndTheNextDeletesStillGo() throws Exception {
    String queueUrl = fifoQueue("deletes-refused.fifo");
    sqs.sendMessage(
        b ->
            b.queueUrl(queueUrl)
                .messageBody("after the refused one")
                .messageGroupId("conversation-z")
                .messageDeduplicationId("z-1"));
    Message message = receiveAll(queueUrl, 1).get(0);
    try (QueueDeletes deletes =
        new QueueDeletes(sqs, () -> queueUrl, "refused", Duration.ofSeconds(5), 1)) {
      Exchange refused = new DefaultExchange(camel);
      refused.getMessage().setHeader("CamelAwsSqsReceiptHandle", "not-a-receipt-handle");
      deletes.deleteWhenDone(refused);
      // Returns (the refusal is logged; the message would come back and be recognised).
      for (Synchronization synchronization : refused.getExchangeExtension().handoverCompletions()) {
        synchronization.onComplete(refused);
      }

      complete(deletes, message, true);
    }

    assertThat(
            sqs.getQueueAttributes(
                    b ->
                        b.queueUrl(queueUrl)
                            .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes()
                .values())
        .as("the same deleter went on to delete the real message")
        .containsOnly("0");
  }

  @Test
  void refusesAnExchangeThatDidNotComeFromSqs() {
    try (QueueDeletes deletes =
        new QueueDeletes(sqs, () -> "unused", "none", Duration.ofSeconds(1), 1)) {
      assertThatThrownBy(() -> deletes.deleteWhenDone(new DefaultExchange(camel)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("CamelAwsSqsReceiptHandle");
    }
  }

  private static void complete(QueueDeletes deletes, Message message, boolean succeeded) {
    Exchange exchange = new DefaultExchange(camel);
    exchange.getMessage().setHeader("CamelAwsSqsReceiptHandle", message.receiptHandle());
    deletes.deleteWhenDone(exchange);
    for (Synchronization synchronization : exchange.getExchangeExtension().handoverCompletions()) {
      if (succeeded) {
        synchronization.onComplete(exchange);
      } else {
        synchronization.onFailure(exchange);
      }
    }
  }

  private static String fifoQueue(String name) {
    return sqs.createQueue(
            b ->
                b.queueName(name)
                    .attributes(
                        Map.of(
                            QueueAttributeName.FIFO_QUEUE, "true",
                            QueueAttributeName.VISIBILITY_TIMEOUT, "60")))
        .queueUrl();
  }

  private static List<Message> receiveAll(String queueUrl, int expected) {
    List<Message> received = new ArrayList<>();
    for (int attempt = 0; attempt < 20 && received.size() < expected; attempt++) {
      received.addAll(
          sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages());
    }
    assertThat(received).hasSize(expected);
    return received;
  }
}
