package com.posmodern.omnichannel.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The app as a separate JVM on its one-command defaults (file database, persistent embedded queue,
 * WhatsApp sandboxed: the sandbox records every Twilio request), killed with SIGKILL in the middle
 * of a 300-customer campaign and started again on the same data: no customer ever gets a second
 * message, and the campaign finishes (a message whose send the kill interrupted is recorded as
 * unknown, never sent again).
 */
class CampaignCrashTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OPERATOR_PASSWORD = "crash-test-operator";
  private static final int CUSTOMERS = 300;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void aCampaignKilledMidwayFinishesAfterARestartWithoutASecondMessage(@TempDir Path data)
      throws Exception {
    int port = freePort();
    Path log = data.resolve("app.log");
    String database =
        "jdbc:h2:file:"
            + data.resolve("omnichannel").toAbsolutePath()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";

    Process app = start(port, data, database, log);
    String id;
    try {
      awaitUp(port, app, log);
      seed(database);
      id = create(port);
      post(port, "/api/operator/campaigns/" + id + "/start");
      // Kill it once a good part has gone out, while messages are in flight.
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> sandboxSends(port).size() >= 60);
    } finally {
      app.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed on the way out
      assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    Process again = start(port, data, database, log);
    try {
      awaitUp(port, again, log);
      try {
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> campaign(port, id).path("status").asText().equals("finished"));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError(
            "the campaign did not finish: "
                + campaign(port, id)
                + "\nthe app's log:\n"
                + Files.readString(log),
            e);
      }

      Map<String, Long> perCustomer =
          sandboxSends(port).stream()
              .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      assertThat(perCustomer.values()).as("messages per customer").allMatch(n -> n == 1);
      JsonNode recipients = campaign(port, id).path("recipients");
      int sent = recipients.path("sent").asInt();
      int unknown = recipients.path("unknown").asInt();
      assertThat(sent + unknown).isEqualTo(CUSTOMERS);
      // Every recipient recorded as sent got exactly one message; the unknown got at most one.
      assertThat(perCustomer.size()).isBetween(sent, sent + unknown);
    } finally {
      again.destroy();
      again.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static void seed(String database) {
    DriverManagerDataSource source = new DriverManagerDataSource(database, "sa", "");
    CampaignCustomers customers = new CampaignCustomers(JdbcClient.create(source));
    Instant now = Instant.now();
    for (int i = 0; i < CUSTOMERS; i++) {
      String phone = "+55114400" + String.format("%04d", i);
      customers.customer(phone, "Cliente " + i, now);
      customers.consent(phone, "OPT_IN", now.minusSeconds(60));
      customers.order("K" + String.format("%05d", i), phone, "04440-000", now);
    }
  }

  private String create(int port) throws Exception {
    HttpResponse<String> created =
        post(
            port,
            "/api/operator/campaigns",
            "{\"name\":\"Crash\",\"segment\":{\"cepPrefixes\":[\"04440\"]},\"template\":{\"contentSid\":\"HX"
                + "d".repeat(32)
                + "\",\"variables\":{\"1\":\"amigo\"}},\"ratePerMinute\":1800}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).path("id").asText();
  }

  /** The customers the sandbox's Twilio stand-in received a campaign message for, one per send. */
  private List<String> sandboxSends(int port) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/sandbox/messages?channel=whatsapp"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    List<String> sends = new ArrayList<>();
    for (JsonNode request : JSON.readTree(answer.body())) {
      if (request.path("body").path("ContentSid").asText().startsWith("HXddd")) {
        sends.add(request.path("recipient").asText());
      }
    }
    return sends;
  }

  private JsonNode campaign(int port, String id) throws Exception {
    return JSON.readTree(
        http.send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/operator/campaigns/" + id))
                    .header("Authorization", operator())
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }

  private HttpResponse<String> post(int port, String path) throws Exception {
    return post(port, path, "");
  }

  private HttpResponse<String> post(int port, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .header("Authorization", operator())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void awaitUp(int port, Process app, Path log) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              if (!app.isAlive()) {
                throw new AssertionError("the app stopped; its log:\n" + Files.readString(log));
              }
              try {
                return http.send(
                            HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200;
              } catch (IOException notYet) {
                return false;
              }
            });
  }

  private static Process start(int port, Path data, String database, Path log) throws IOException {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            "com.posmodern.omnichannel.OmnichannelApplication",
            "--server.port=" + port,
            "--omnichannel.security.operator.password=" + OPERATOR_PASSWORD,
            "--omnichannel.sqs.embedded.port=0",
            "--omnichannel.sqs.embedded.persistent=true",
            "--omnichannel.sqs.embedded.storage-url=jdbc:h2:file:"
                + data.resolve("elasticmq").toAbsolutePath()
                + ";WRITE_DELAY=0",
            "--spring.datasource.url=" + database,
            "--omnichannel.campaigns.unknown-after=5s",
            "--omnichannel.marketing.log-dir=" + data.resolve("marketing"),
            "--omnichannel.validator.results-dir=" + data.resolve("validation"),
            "--logging.level.root=WARN");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  private static String operator() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("operator:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
