package com.posmodern.omnichannel.platform.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.MessageKind;
import com.posmodern.omnichannel.canonical.Sender;
import com.posmodern.omnichannel.platform.metrics.OmnichannelMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The inbound queue spread over shards: the names, the shard of a conversation, and, against the
 * real SQS protocol (the in-process ElasticMQ), that each conversation's messages all land on one
 * shard in their order while the conversations use every shard.
 */
class InboundShardsTest {

  @Test
  void theFirstShardIsTheInboundQueueAndTheOthersAreNamedAfterIt() {
    assertThat(properties(null, 4).inboundQueueNames())
        .containsExactly("inbound.fifo", "inbound-1.fifo", "inbound-2.fifo", "inbound-3.fifo");
    assertThat(properties(null, 1).inboundQueueNames()).containsExactly("inbound.fifo");
    assertThat(
            properties("https://sqs.sa-east-1.amazonaws.com/123456789012/pedidos.fifo", 2)
                .inboundQueueNames())
        .containsExactly("pedidos.fifo", "pedidos-1.fifo");
  }

  @Test
  void theShardsBesideSqsQueueUrlAreItsSiblings() {
    SqsProperties properties =
        properties("https://sqs.sa-east-1.amazonaws.com/123456789012/pedidos.fifo", 3);
    QueueNames names = new QueueNames(properties, new FifoQueues(null, properties), false);

    assertThat(names.inboundUrl(0))
        .isEqualTo("https://sqs.sa-east-1.amazonaws.com/123456789012/pedidos.fifo");
    assertThat(names.inboundUrl(2))
        .isEqualTo("https://sqs.sa-east-1.amazonaws.com/123456789012/pedidos-2.fifo");
  }

  @Test
  void aNegativeShardCountIsRefusedWithTheSettingsName() {
    assertThatThrownBy(() -> properties(null, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SQS_INBOUND_SHARDS");
  }

  @Test
  void unsetTheShardsAreFourOnElasticMqAndOneOnAwsSqs() {
    assertThat(properties(null, 0).inboundShardCount()).as("embedded").isEqualTo(4);
    assertThat(
            properties(SqsProperties.Mode.AUTO, null, "http://elasticmq:9324", 0)
                .inboundShardCount())
        .as("ElasticMQ of docker-compose")
        .isEqualTo(4);
    assertThat(
            properties(
                    SqsProperties.Mode.AUTO,
                    "https://sqs.sa-east-1.amazonaws.com/123456789012/pedidos.fifo",
                    null,
                    0)
                .inboundQueueNames())
        .as("AWS SQS")
        .containsExactly("pedidos.fifo");
    assertThat(
            properties(
                    SqsProperties.Mode.AUTO,
                    "https://sqs.sa-east-1.amazonaws.com/123456789012/pedidos.fifo",
                    null,
                    2)
                .inboundShardCount())
        .as("set")
        .isEqualTo(2);
  }

  @Test
  void consumersAndThreadsAreSharedOutWithAtLeastOnePerShard() {
    assertThat(properties(null, 4).perShard(8)).isEqualTo(2);
    assertThat(properties(null, 4).perShard(6)).isEqualTo(2);
    assertThat(properties(null, 4).perShard(1)).isEqualTo(1);
    assertThat(properties(null, 1).perShard(8)).isEqualTo(8);
  }

  @Test
  void aConversationAlwaysHasTheSameShardAndConversationsSpreadOverAll() {
    int[] counts = new int[4];
    for (int i = 0; i < 2000; i++) {
      String conversation = "whatsapp:+14155238886:+55119" + (87650000 + i);
      int shard = InboundShards.shardOf(conversation, 4);
      assertThat(InboundShards.shardOf(conversation, 4)).isEqualTo(shard);
      counts[shard]++;
    }
    // String.hashCode is fixed by the language, so this holds on every instance and JVM.
    assertThat(InboundShards.shardOf("whatsapp:+14155238886:+5511987654321", 4))
        .isEqualTo(Math.floorMod("whatsapp:+14155238886:+5511987654321".hashCode(), 4));
    for (int count : counts) {
      assertThat(count).isBetween(400, 600);
    }
  }

  @Test
  void eachConversationsMessagesLandInOrderOnOneShard() throws Exception {
    SqsProperties properties = properties(null, 4);
    try (EmbeddedSqsServer server =
            EmbeddedSqsServer.start(new SqsProperties.Embedded("127.0.0.1", 0, false, "unused"));
        SqsClient sqs = EmbeddedQueueProbe.client(server)) {
      FifoQueues queues = new FifoQueues(sqs, properties);
      for (String shard : properties.inboundQueueNames()) {
        queues.ensureWithDeadLetter(shard, properties.inboundDeadLetterQueue());
      }
      QueueNames names = new QueueNames(properties, queues, true);
      try (InboundShards shards = new InboundShards(sqs, names, properties)) {
        InboundQueue inbound =
            new InboundQueue(shards, new OmnichannelMetrics(new SimpleMeterRegistry()));
        // One request carrying several conversations (as Meta batches entries), then more requests.
        List<CanonicalMessage> first = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
          first.add(message(c, 0));
        }
        inbound.enqueueAll(first);
        for (int n = 1; n < 3; n++) {
          for (int c = 0; c < 20; c++) {
            inbound.enqueueAll(List.of(message(c, n)));
          }
        }

        Map<String, Integer> shardOfConversation = new HashMap<>();
        Map<String, List<String>> textsOfConversation = new LinkedHashMap<>();
        for (int shard = 0; shard < shards.count(); shard++) {
          String url = names.inboundUrl(shard);
          assertThat(url).endsWith("/" + shards.name(shard));
          for (Message received : EmbeddedQueueProbe.drain(sqs, url)) {
            CanonicalMessage message = CanonicalJson.readMessage(received.body());
            Integer earlier = shardOfConversation.putIfAbsent(message.conversationId(), shard);
            assertThat(earlier).as(message.conversationId()).isIn(null, shard);
            assertThat(
                    received
                        .attributes()
                        .get(
                            software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName
                                .MESSAGE_GROUP_ID))
                .isEqualTo(message.conversationId());
            textsOfConversation
                .computeIfAbsent(message.conversationId(), id -> new ArrayList<>())
                .add(message.text());
          }
        }
        assertThat(textsOfConversation).hasSize(20);
        textsOfConversation.forEach(
            (conversation, texts) ->
                assertThat(texts)
                    .as(conversation)
                    .containsExactly(
                        conversation + " #0", conversation + " #1", conversation + " #2"));
        assertThat(shardOfConversation.values()).containsOnly(0, 1, 2, 3).contains(0, 1, 2, 3);
        for (String queue : properties.inboundQueueNames()) {
          String url = queues.url(queue);
          assertThat(
                  sqs.getQueueAttributes(
                          b -> b.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                      .attributes()
                      .get(QueueAttributeName.REDRIVE_POLICY))
              .contains("inbound-dlq.fifo");
        }
      }
    }
  }

  private static CanonicalMessage message(int customer, int n) {
    String conversation = "whatsapp:+14155238886:+55119876" + (54000 + customer);
    return new CanonicalMessage(
        CanonicalMessage.SCHEMA_VERSION,
        "SM" + customer + "x" + n,
        Channel.WHATSAPP,
        conversation,
        "+14155238886",
        new Sender("+55119876" + (54000 + customer), null, null),
        MessageKind.TEXT,
        conversation + " #" + n,
        null,
        List.of(),
        null,
        List.of(),
        1700000000000L + n);
  }

  private static SqsProperties properties(String queueUrl, int shards) {
    return properties(SqsProperties.Mode.EMBEDDED, queueUrl, null, shards);
  }

  private static SqsProperties properties(
      SqsProperties.Mode mode, String queueUrl, String endpoint, int shards) {
    return EmbeddedQueueProbe.properties(mode, queueUrl, endpoint, shards);
  }
}
