package com.posmodern.omnichannel.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.posmodern.omnichannel.platform.sqs.EmbeddedQueueProbe;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Boots ElasticMQ 1.7.1 (the version of the compose image) with {@code docker/elasticmq.conf}
 * itself, only the listening port changed and persistence off, and checks the queues the app needs
 * are FIFO with FIFO dead-letter queues and the documented redrive.
 */
class ComposeElasticMqConfigTest {

  @Test
  void theComposeConfigDeclaresEveryFifoQueueWithItsFifoDeadLetterQueue() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Config file =
        ConfigFactory.parseFile(
            new File("docker/elasticmq.conf"),
            ConfigParseOptions.defaults().setAllowMissing(false));
    Config local =
        ConfigFactory.parseMap(
            Map.of(
                "rest-sqs.bind-port",
                port,
                "rest-sqs.bind-hostname",
                "127.0.0.1",
                "node-address.host",
                "127.0.0.1",
                "node-address.port",
                port,
                "rest-stats.enabled",
                false,
                // Persistence is exercised by EmbeddedQueueCrashTest; ElasticMQ's JDBC pool is per
                // JVM.
                "messages-storage.enabled",
                false));
    Config config = local.withFallback(file).withFallback(ConfigFactory.load()).resolve();
    scala.Function0<?> stop = new ElasticMQServer(new ElasticMQServerConfig(config)).start();
    try (SqsClient sqs = EmbeddedQueueProbe.client(URI.create("http://127.0.0.1:" + port))) {
      // The server declares the queues just after it starts listening.
      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .until(() -> sqs.listQueues().queueUrls().size() == 11);
      // The app's default shards of the inbound queue share one dead-letter queue.
      Map<String, String> mainToDeadLetters =
          Map.of(
              "inbound.fifo", "inbound-dlq.fifo",
              "inbound-1.fifo", "inbound-dlq.fifo",
              "inbound-2.fifo", "inbound-dlq.fifo",
              "inbound-3.fifo", "inbound-dlq.fifo",
              "pos-orders.fifo", "pos-orders-dlq.fifo",
              "pos-order-events.fifo", "pos-order-events-dlq.fifo",
              "campaign-sends.fifo", "campaign-sends-dlq.fifo");
      for (Map.Entry<String, String> pair : mainToDeadLetters.entrySet()) {
        String queue = pair.getKey();
        String deadLetters = pair.getValue();
        Map<QueueAttributeName, String> attributes = attributes(sqs, queue);
        assertThat(attributes).containsEntry(QueueAttributeName.FIFO_QUEUE, "true");
        assertThat(attributes)
            .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false");
        assertThat(attributes).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "60");
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
            .contains(deadLetters)
            .containsPattern("\"maxReceiveCount\"\\s*:\\s*\"?4");
        assertThat(attributes(sqs, deadLetters))
            .containsEntry(QueueAttributeName.FIFO_QUEUE, "true");
      }
    } finally {
      stop.apply();
    }
  }

  private static Map<QueueAttributeName, String> attributes(SqsClient sqs, String queue) {
    String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
    return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
        .attributes();
  }
}
