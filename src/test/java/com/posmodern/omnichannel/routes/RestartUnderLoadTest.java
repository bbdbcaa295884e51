package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.posmodern.omnichannel.support.Webhooks;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app as a separate JVM, started, stopped (SIGTERM) and started again while signed WhatsApp
 * webhooks keep arriving: every answer is 200 or 503 (Twilio retries a 5xx, never a 404), and the
 * start-up and shutdown windows are answered 503, not 404.
 */
class RestartUnderLoadTest {

  private static final String AUTH_TOKEN = "dev-restart-test-token";
  private static final Duration START_LIMIT = Duration.ofSeconds(120);

  private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
  private final AtomicInteger noAnswer = new AtomicInteger();
  private final AtomicInteger sent = new AtomicInteger();

  @Test
  void aRestartUnderLoadAnswersOnly200Or503(@TempDir Path data) throws Exception {
    int port = freePort();
    Path log = data.resolve("app.log");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    // One signed message every 5 ms after the previous one is answered (or refused a connection).
    ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
    load.scheduleWithFixedDelay(() -> sendOne(http, port), 0, 5, TimeUnit.MILLISECONDS);
    try {
      for (int run = 1; run <= 2; run++) {
        Process app = start(port, data, log);
        try {
          awaitAnswers(200, 20, app, log);
        } finally {
          app.destroy(); // SIGTERM: graceful shutdown
          assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the app stopped").isTrue();
        }
      }
    } finally {
      load.shutdownNow();
      assertThat(load.awaitTermination(40, TimeUnit.SECONDS)).isTrue();
    }

    Map<Integer, Integer> seen =
        answers.entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey, e -> e.getValue().get(), (a, b) -> a, TreeMap::new));
    assertThat(seen.keySet())
        .as(
            "answers by status %s (and %d requests with no answer: port closed)",
            seen, noAnswer.get())
        .containsOnly(200, 503)
        .contains(200, 503);
  }

  private Process start(int port, Path data, Path log) throws IOException {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            "com.posmodern.omnichannel.OmnichannelApplication",
            "--server.port=" + port,
            "--omnichannel.whatsapp.auth-token=" + AUTH_TOKEN,
            "--omnichannel.sqs.embedded.port=0",
            "--omnichannel.sqs.embedded.storage-url=jdbc:h2:file:"
                + data.resolve("elasticmq").toAbsolutePath()
                + ";WRITE_DELAY=0",
            "--spring.datasource.url=jdbc:h2:file:"
                + data.resolve("omnichannel").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "--omnichannel.marketing.log-dir=" + data.resolve("marketing"),
            "--omnichannel.validator.results-dir=" + data.resolve("validation"),
            "--logging.level.root=WARN");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** Waits until {@code count} more answers of {@code status} came (the app is up and serving). */
  private void awaitAnswers(int status, int count, Process app, Path log) {
    int target = answers.computeIfAbsent(status, s -> new AtomicInteger()).get() + count;
    await()
        .atMost(START_LIMIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!app.isAlive()) {
                throw new AssertionError("the app stopped; its log:\n" + Files.readString(log));
              }
              return answers.get(status).get() >= target;
            });
  }

  /** One signed "oi", each from its own message id. */
  private void sendOne(HttpClient http, int port) {
    int n = sent.getAndIncrement();
    String url = "http://localhost:" + port + "/webhooks/whatsapp";
    Map<String, String> form = new TreeMap<>();
    form.put("MessageSid", "SM" + String.format("%032d", n));
    form.put("AccountSid", "ACsandbox");
    form.put("From", "whatsapp:+55119" + String.format("%08d", n % 50));
    form.put("To", "whatsapp:+14155238886");
    form.put("Body", "oi");
    form.put("NumMedia", "0");
    String body =
        form.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    try {
      HttpResponse<Void> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("X-Twilio-Signature", Webhooks.twilioSignature(AUTH_TOKEN, url, form))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      answers.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
    } catch (IOException e) {
      noAnswer.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
