package com.posmodern.omnichannel.platform.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A separate JVM for {@link EmbeddedQueueCrashTest}: starts the persistent embedded queue, enqueues
 * through the app's own writer, says so on stdout, then waits to be killed.
 */
public final class EmbeddedQueueProbe {

  public static void main(String[] args) throws Exception {
    EmbeddedSqsServer server =
        EmbeddedSqsServer.start(new SqsProperties.Embedded("127.0.0.1", 0, true, args[0]));
    SqsClient sqs = client(server);
    FifoQueues queues = new FifoQueues(sqs, properties());
    if (args[1].equals("send")) {
      queues.ensureWithDeadLetter("inbound.fifo", "inbound-dlq.fifo");
      FifoQueueWriter writer =
          new FifoQueueWriter(
              sqs, () -> queues.url("inbound.fifo"), "inbound", Duration.ofSeconds(10), 2);
      for (int i = 1; i <= 3; i++) {
        writer.sendAll(
            List.of(
                new FifoQueueWriter.FifoMessage(
                    "conversation-1", "message-" + i, "body-" + i, Map.of())));
      }
      System.out.println("ACKNOWLEDGED");
      System.out.flush();
      System.in.read();
      return;
    }
    if (args[1].equals("send-group")) {
      sendGroupAndHoldTheFirst(sqs, queues);
      return;
    }
    if (args[1].equals("receive-group")) {
      receiveGroupAfterTheFirst(sqs, queues.url("inbound.fifo"), args[2]);
      server.close();
      System.exit(0);
    }
    String url = queues.url("inbound.fifo");
    sqs.sendMessage(
        b ->
            b.queueUrl(url)
                .messageGroupId("conversation-1")
                .messageDeduplicationId("message-1")
                .messageBody("body-1"));
    for (int poll = 0; poll < 4; poll++) {
      for (Message message :
          sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages()) {
        System.out.println("BODY " + message.body());
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
      }
    }
    System.out.println("DONE");
    System.out.flush();
    server.close();
    System.exit(0);
  }

  /**
   * Ten messages of one conversation in one batch (sent in the same millisecond or two), then the
   * first received and held in flight for a minute: its receipt handle is printed.
   */
  private static void sendGroupAndHoldTheFirst(SqsClient sqs, FifoQueues queues) throws Exception {
    queues.ensureWithDeadLetter("inbound.fifo", "inbound-dlq.fifo");
    String url = queues.url("inbound.fifo");
    FifoQueueWriter writer =
        new FifoQueueWriter(sqs, () -> url, "inbound", Duration.ofSeconds(10), 2);
    List<FifoQueueWriter.FifoMessage> batch = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      batch.add(
          new FifoQueueWriter.FifoMessage("conversation-1", "message-" + i, "body-" + i, Map.of()));
    }
    writer.sendAll(batch);
    Message first =
        sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(1).visibilityTimeout(60))
            .messages()
            .get(0);
    System.out.println("BODY " + first.body());
    System.out.println("RECEIPT " + first.receiptHandle());
    System.out.println("ACKNOWLEDGED");
    System.out.flush();
    System.in.read();
  }

  /**
   * After a restart: whatever the queue hands out while the first message is still in flight (there
   * should be nothing), then the first deleted with its old receipt handle, then the rest.
   */
  private static void receiveGroupAfterTheFirst(SqsClient sqs, String url, String receipt) {
    for (Message early :
        sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
            .messages()) {
      System.out.println("EARLY " + early.body());
    }
    sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(receipt));
    for (Message message : drain(sqs, url)) {
      System.out.println("BODY " + message.body());
    }
    System.out.println("DONE");
    System.out.flush();
  }

  static SqsClient client(EmbeddedSqsServer server) {
    return client(server.endpoint());
  }

  /** A client of the SQS endpoint with dummy credentials (ElasticMQ takes any). */
  public static SqsClient client(URI endpoint, ExecutionInterceptor... interceptors) {
    return SqsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
        .overrideConfiguration(c -> List.of(interceptors).forEach(c::addExecutionInterceptor))
        .build();
  }

  /**
   * Receives everything on a queue, with its attributes, one message group at a time, deleting as
   * it goes.
   */
  static List<Message> drain(SqsClient sqs, String url) {
    List<Message> all = new ArrayList<>();
    while (true) {
      List<Message> batch =
          sqs.receiveMessage(
                  b ->
                      b.queueUrl(url)
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(0)
                          .messageAttributeNames("All")
                          .messageSystemAttributeNamesWithStrings("All"))
              .messages();
      if (batch.isEmpty()) {
        return all;
      }
      for (Message message : batch) {
        all.add(message);
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
      }
    }
  }

  static SqsProperties properties() {
    return properties(SqsProperties.Mode.EMBEDDED, null, null, 1);
  }

  /** The app's queue settings with the default names, 2 sender threads and 8 consumers. */
  static SqsProperties properties(
      SqsProperties.Mode mode, String queueUrl, String endpoint, int shards) {
    return new SqsProperties(
        mode,
        queueUrl,
        endpoint,
        "us-east-1",
        null,
        null,
        "inbound.fifo",
        "inbound-dlq.fifo",
        shards,
        "pos-orders.fifo",
        "pos-orders-dlq.fifo",
        "pos-order-events.fifo",
        "pos-order-events-dlq.fifo",
        "campaign-sends.fifo",
        "campaign-sends-dlq.fifo",
        4,
        Duration.ofSeconds(30),
        true,
        Duration.ofSeconds(5),
        2,
        8,
        1,
        null);
  }
}
