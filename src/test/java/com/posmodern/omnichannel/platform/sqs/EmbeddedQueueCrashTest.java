package com.posmodern.omnichannel.platform.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged message survives {@code kill -9}: a child JVM enqueues three messages through the
 * app's writer on the persistent embedded queue and is killed with SIGKILL; a second child JVM on
 * the same storage still has them, in order, and deduplication still holds.
 */
class EmbeddedQueueCrashTest {

  @Test
  void acknowledgedMessagesSurviveAKill9(@TempDir Path storage) throws Exception {
    String url = "jdbc:h2:file:" + storage.resolve("elasticmq").toAbsolutePath() + ";WRITE_DELAY=0";
    Process sender = probe(url, "send");
    List<String> output = new ArrayList<>();
    try (BufferedReader lines = reader(sender)) {
      String line;
      while ((line = lines.readLine()) != null && !line.equals("ACKNOWLEDGED")) {
        output.add(line);
      }
      assertThat(line).as("probe output: %s", output).isEqualTo("ACKNOWLEDGED");
      sender.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
      assertThat(sender.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(sender.exitValue()).isEqualTo(137);

    Process receiver = probe(url, "receive");
    List<String> bodies = new ArrayList<>();
    List<String> all = new ArrayList<>();
    try (BufferedReader lines = reader(receiver)) {
      String line;
      while ((line = lines.readLine()) != null && !line.equals("DONE")) {
        all.add(line);
        if (line.startsWith("BODY ")) {
          bodies.add(line.substring(5));
        }
      }
    }
    assertThat(receiver.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(bodies).as("receiver output: %s", all).containsExactly("body-1", "body-2", "body-3");
  }

  /**
   * A conversation's order survives {@code kill -9} of the queue server: ten messages sent in one
   * batch, the first in flight at the kill. After the restart nothing of the conversation is handed
   * out while the first is in flight (as SQS FIFO does); once it is deleted with its old receipt
   * handle, the other nine come in the order they were sent.
   */
  @Test
  void aConversationKeepsItsOrderAndItsInFlightMessageThroughAKill9(@TempDir Path storage)
      throws Exception {
    String url = "jdbc:h2:file:" + storage.resolve("elasticmq").toAbsolutePath() + ";WRITE_DELAY=0";
    Process sender = probe(url, "send-group");
    String receipt = null;
    List<String> output = new ArrayList<>();
    try (BufferedReader lines = reader(sender)) {
      String line;
      while ((line = lines.readLine()) != null && !line.equals("ACKNOWLEDGED")) {
        output.add(line);
        if (line.startsWith("RECEIPT ")) {
          receipt = line.substring(8);
        }
      }
      assertThat(line).as("probe output: %s", output).isEqualTo("ACKNOWLEDGED");
      sender.destroyForcibly();
      assertThat(sender.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(output).contains("BODY body-1");
    assertThat(receipt).isNotNull();

    Process receiver = probe(url, "receive-group", receipt);
    List<String> all = new ArrayList<>();
    try (BufferedReader lines = reader(receiver)) {
      String line;
      while ((line = lines.readLine()) != null && !line.equals("DONE")) {
        if (line.startsWith("BODY ") || line.startsWith("EARLY ")) {
          all.add(line);
        }
      }
    }
    assertThat(receiver.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(all)
        .containsExactly(
            "BODY body-2",
            "BODY body-3",
            "BODY body-4",
            "BODY body-5",
            "BODY body-6",
            "BODY body-7",
            "BODY body-8",
            "BODY body-9",
            "BODY body-10");
  }

  private static Process probe(String url, String... mode) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EmbeddedQueueProbe.class.getName());
    command.add(url);
    command.addAll(List.of(mode));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static BufferedReader reader(Process process) {
    return new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }
}
