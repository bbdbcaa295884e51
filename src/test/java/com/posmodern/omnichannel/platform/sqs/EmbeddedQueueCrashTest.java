package com.posmodern.omnichannel.platform.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * An acknowledged message survives {@code kill -9}: a child JVM enqueues three messages through the
 * app's writer on the persistent embedded queue and is killed with SIGKILL; a new server on the
 * same storage still has them, in order, and deduplication still holds.
 */
class EmbeddedQueueCrashTest {

  @Test
  void acknowledgedMessagesSurviveAKill9(@TempDir Path storage) throws Exception {
    String url = "jdbc:h2:file:" + storage.resolve("elasticmq").toAbsolutePath() + ";WRITE_DELAY=0";
    Process probe =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedQueueProbe.class.getName(),
                url)
            .redirectErrorStream(true)
            .start();
    List<String> output = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null && !line.equals("ACKNOWLEDGED")) {
        output.add(line);
      }
      assertThat(line).as("probe output: %s", output).isEqualTo("ACKNOWLEDGED");
      probe.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
      assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(probe.exitValue()).isEqualTo(137);

    try (EmbeddedSqsServer restarted =
            EmbeddedSqsServer.start(new SqsProperties.Embedded("127.0.0.1", 0, true, url));
        SqsClient sqs = EmbeddedQueueProbe.client(restarted)) {
      FifoQueues queues = new FifoQueues(sqs, EmbeddedQueueProbe.properties());
      String queueUrl = queues.url("inbound.fifo");
      // The same message again, within the deduplication window: not a fourth message.
      sqs.sendMessage(
          b ->
              b.queueUrl(queueUrl)
                  .messageGroupId("conversation-1")
                  .messageDeduplicationId("message-1")
                  .messageBody("body-1"));

      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < 4 && bodies.size() < 3; i++) {
        for (Message message :
            sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages()) {
          bodies.add(message.body());
          sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
      }
      assertThat(bodies).containsExactly("body-1", "body-2", "body-3");
      assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages())
          .isEmpty();
    }
  }
}
