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

  private static Process probe(String url, String mode) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            EmbeddedQueueProbe.class.getName(),
            url,
            mode)
        .redirectErrorStream(true)
        .start();
  }

  private static BufferedReader reader(Process process) {
    return new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }
}
