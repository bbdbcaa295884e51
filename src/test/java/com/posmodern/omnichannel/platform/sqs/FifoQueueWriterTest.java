package com.posmodern.omnichannel.platform.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;

/**
 * The batch writer against the real SQS protocol (the in-process ElasticMQ): concurrent callers
 * share {@code SendMessageBatch} calls of at most 10 entries, each caller's messages stay in order,
 * and a refusal or an unreachable queue reaches the caller as {@link QueueUnavailableException}.
 */
class FifoQueueWriterTest {

  private static EmbeddedSqsServer server;
  private static SqsClient sqs;
  private static final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
  private static FifoQueues queues;

  @BeforeAll
  static void start() {
    server = EmbeddedSqsServer.start(new SqsProperties.Embedded("127.0.0.1", 0, false, "unused"));
    ExecutionInterceptor countBatches =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof SendMessageBatchRequest batch) {
              batchSizes.add(batch.entries().size());
            }
          }
        };
    sqs = EmbeddedQueueProbe.client(server.endpoint(), countBatches);
    queues = new FifoQueues(sqs, EmbeddedQueueProbe.properties());
  }

  @AfterAll
  static void stop() {
    sqs.close();
    server.close();
  }

  @Test
  void concurrentCallersShareBatchesOfAtMostTenAndEachCallersMessagesStayInOrder()
      throws Exception {
    queues.ensureWithDeadLetter("writer-order.fifo", "writer-order-dlq.fifo");
    String url = queues.url("writer-order.fifo");
    int callers = 32;
    int perCaller = 5;
    batchSizes.clear();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try (FifoQueueWriter writer =
        new FifoQueueWriter(sqs, () -> url, "test", Duration.ofSeconds(10), 1)) {
      List<Future<?>> sent = new ArrayList<>();
      for (int c = 0; c < callers; c++) {
        int caller = c;
        sent.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int n = 0; n < perCaller; n++) {
                    writer.sendAll(
                        List.of(
                            new FifoQueueWriter.FifoMessage(
                                "caller-" + caller,
                                "caller-" + caller + "-" + n,
                                caller + "#" + n,
                                Map.of("channel", "whatsapp"))));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : sent) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    Map<String, List<String>> bodiesByGroup = new LinkedHashMap<>();
    for (Message message : EmbeddedQueueProbe.drain(sqs, url)) {
      assertThat(message.messageAttributes().get("channel").stringValue()).isEqualTo("whatsapp");
      bodiesByGroup
          .computeIfAbsent(
              message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
              group -> new ArrayList<>())
          .add(message.body());
    }
    assertThat(bodiesByGroup).hasSize(callers);
    bodiesByGroup.forEach(
        (group, bodies) -> {
          String caller = group.substring("caller-".length());
          assertThat(bodies)
              .as(group)
              .containsExactly(
                  caller + "#0", caller + "#1", caller + "#2", caller + "#3", caller + "#4");
        });
    // SendMessageBatch takes up to 10 entries
    // (docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html).
    assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 10));
    assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(callers * perCaller);
    assertThat(batchSizes)
        .as("calls shared by waiting callers")
        .hasSizeLessThan(callers * perCaller);
  }

  @Test
  void aMessageSqsRefusesReachesItsCallerAndTheWriterGoesOn() {
    queues.ensureWithDeadLetter("writer-refused.fifo", "writer-refused-dlq.fifo");
    String url = queues.url("writer-refused.fifo");
    try (FifoQueueWriter writer =
        new FifoQueueWriter(sqs, () -> url, "test", Duration.ofSeconds(10), 1)) {
      // A FIFO message needs a group id of 1 to 128 characters
      // (docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatchRequestEntry.html).
      String tooLong = "g".repeat(129);
      assertThatThrownBy(
              () ->
                  writer.sendAll(
                      List.of(new FifoQueueWriter.FifoMessage(tooLong, "d-1", "body", Map.of()))))
          .isInstanceOf(QueueUnavailableException.class)
          .hasMessageContaining("SQS did not accept the message");

      writer.sendAll(List.of(new FifoQueueWriter.FifoMessage("group", "d-2", "after", Map.of())));
    }
    assertThat(EmbeddedQueueProbe.drain(sqs, url))
        .extracting(Message::body)
        .containsExactly("after");
  }

  @Test
  void anUnreachableQueueReachesTheCallerAsQueueUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/000000000000/inbound.fifo";
    try (SqsClient unreachable =
            EmbeddedQueueProbe.client(URI.create("http://127.0.0.1:" + closedPort));
        FifoQueueWriter writer =
            new FifoQueueWriter(unreachable, () -> url, "test", Duration.ofSeconds(30), 1)) {
      assertThatThrownBy(
              () ->
                  writer.sendAll(
                      List.of(new FifoQueueWriter.FifoMessage("group", "d-1", "body", Map.of()))))
          .isInstanceOf(QueueUnavailableException.class)
          .hasMessageContaining("SQS did not accept the message");
    }
  }
}
