package com.posmodern.omnichannel.platform.sqs;

import com.posmodern.omnichannel.platform.metrics.OmnichannelMetrics;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS client every queue endpoint and the queue writer share, pointed at the embedded ElasticMQ
 * by default or at an external SQS (AWS, or ElasticMQ in docker-compose) when one is configured.
 */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SqsConfiguration.class);

  @Bean(destroyMethod = "close")
  @Conditional(EmbeddedSqsCondition.class)
  EmbeddedSqsServer embeddedSqsServer(SqsProperties properties) {
    return EmbeddedSqsServer.start(properties.embedded());
  }

  @Bean(destroyMethod = "close")
  SqsClient sqsClient(SqsProperties properties, ObjectProvider<EmbeddedSqsServer> embedded) {
    var builder =
        SqsClient.builder()
            .region(Region.of(properties.region()))
            .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64).tcpKeepAlive(true))
            // An attempt may long-poll for waitTimeSeconds; webhooks bound their own wait with
            // sendTimeout.
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallAttemptTimeout(
                        properties.sendTimeout().plusSeconds(properties.waitTimeSeconds()))
                    .build());
    EmbeddedSqsServer server = embedded.getIfAvailable();
    URI endpoint = server != null ? server.endpoint() : properties.externalEndpoint();
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    AwsCredentialsProvider credentials;
    if (server != null) {
      credentials =
          StaticCredentialsProvider.create(AwsBasicCredentials.create("embedded", "embedded"));
    } else if (SqsProperties.isBlank(properties.accessKeyId())) {
      credentials = DefaultCredentialsProvider.builder().build();
    } else {
      credentials =
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(properties.accessKeyId(), properties.secretAccessKey()));
    }
    builder.credentialsProvider(credentials);
    log.info(
        "SQS: {} at {}",
        server != null ? "embedded ElasticMQ" : "external queue service",
        endpoint != null ? endpoint : "AWS " + properties.region());
    return builder.build();
  }

  @Bean
  FifoQueues fifoQueues(
      SqsClient sqsClient, SqsProperties properties, ObjectProvider<EmbeddedSqsServer> embedded) {
    FifoQueues queues = new FifoQueues(sqsClient, properties);
    if (embedded.getIfAvailable() != null || properties.createQueues()) {
      for (String shard : properties.inboundQueueNames()) {
        queues.ensureWithDeadLetter(shard, properties.inboundDeadLetterQueue());
      }
      queues.ensureWithDeadLetter(
          properties.posOrdersQueue(), properties.posOrdersDeadLetterQueue());
      queues.ensureWithDeadLetter(
          properties.posOrderEventsQueue(), properties.posOrderEventsDeadLetterQueue());
      queues.ensureWithDeadLetter(
          properties.campaignSendsQueue(), properties.campaignSendsDeadLetterQueue());
    }
    return queues;
  }

  @Bean(destroyMethod = "close")
  InboundShards inboundShards(
      SqsClient sqsClient, QueueNames queueNames, SqsProperties properties) {
    return new InboundShards(sqsClient, queueNames, properties);
  }

  @Bean(destroyMethod = "close")
  FifoQueueWriter posOrdersWriter(
      SqsClient sqsClient, QueueNames queueNames, SqsProperties properties) {
    return new FifoQueueWriter(
        sqsClient, queueNames::posOrdersUrl, "pos-orders", properties.sendTimeout(), 1);
  }

  @Bean(destroyMethod = "close")
  FifoQueueWriter posOrderEventsWriter(
      SqsClient sqsClient, QueueNames queueNames, SqsProperties properties) {
    return new FifoQueueWriter(
        sqsClient, queueNames::posOrderEventsUrl, "pos-order-events", properties.sendTimeout(), 1);
  }

  @Bean(destroyMethod = "close")
  FifoQueueWriter campaignSendsWriter(
      SqsClient sqsClient, QueueNames queueNames, SqsProperties properties) {
    return new FifoQueueWriter(
        sqsClient, queueNames::campaignSendsUrl, "campaign-sends", properties.sendTimeout(), 1);
  }

  @Bean
  InboundQueue inboundQueue(InboundShards inboundShards, OmnichannelMetrics metrics) {
    return new InboundQueue(inboundShards, metrics);
  }

  /** One {@code chatbot-consume-<shard>} route per shard, from the YAML route template. */
  @Bean
  InboundConsumerRoutes inboundConsumerRoutes(QueueNames queueNames, SqsProperties properties) {
    return new InboundConsumerRoutes(queueNames, properties);
  }

  @Bean
  QueueNames queueNames(
      SqsProperties properties, FifoQueues fifoQueues, ObjectProvider<EmbeddedSqsServer> embedded) {
    return new QueueNames(properties, fifoQueues, embedded.getIfAvailable() != null);
  }

  /** Keeps each conversation in order across redeliveries (chatbot-consume routes). */
  @Bean
  InboundOrderGuard inboundOrderGuard(Clock clock, SqsProperties sqs) {
    return new InboundOrderGuard(
        clock, sqs.visibilityTimeout().multipliedBy(2), sqs.visibilityTimeout());
  }

  /** The dead-letter queues, each with where its messages go back to (the operator API). */
  @Bean
  DeadLetters deadLetters(
      SqsClient sqsClient,
      SqsProperties properties,
      QueueNames queueNames,
      InboundShards inboundShards,
      FifoQueueWriter posOrdersWriter,
      FifoQueueWriter posOrderEventsWriter,
      FifoQueueWriter campaignSendsWriter,
      OmnichannelMetrics metrics) {
    String inbound = String.join(", ", properties.inboundQueueNames());
    return new DeadLetters(
        sqsClient,
        List.of(
            new DeadLetters.Queue(
                properties.inboundDeadLetterQueue(),
                () -> queueNames.urlOf(properties.inboundDeadLetterQueue()),
                inbound,
                inboundShards::writerFor),
            new DeadLetters.Queue(
                properties.posOrdersDeadLetterQueue(),
                () -> queueNames.urlOf(properties.posOrdersDeadLetterQueue()),
                properties.posOrdersQueue(),
                group -> posOrdersWriter),
            new DeadLetters.Queue(
                properties.posOrderEventsDeadLetterQueue(),
                () -> queueNames.urlOf(properties.posOrderEventsDeadLetterQueue()),
                properties.posOrderEventsQueue(),
                group -> posOrderEventsWriter),
            new DeadLetters.Queue(
                properties.campaignSendsDeadLetterQueue(),
                () -> queueNames.urlOf(properties.campaignSendsDeadLetterQueue()),
                properties.campaignSendsQueue(),
                group -> campaignSendsWriter)),
        metrics);
  }

  /** Queue depth and age of every queue the app reads or feeds, with their dead-letter queues. */
  @Bean
  QueueMetrics queueMetrics(
      OmnichannelMetrics metrics, SqsClient sqs, SqsProperties queues, Clock clock) {
    List<String> names = new ArrayList<>(queues.inboundQueueNames());
    names.addAll(
        List.of(
            queues.inboundDeadLetterQueue(),
            queues.posOrdersQueue(),
            queues.posOrdersDeadLetterQueue(),
            queues.posOrderEventsQueue(),
            queues.posOrderEventsDeadLetterQueue(),
            queues.campaignSendsQueue(),
            queues.campaignSendsDeadLetterQueue()));
    return new QueueMetrics(metrics, sqs, names, clock);
  }
}
