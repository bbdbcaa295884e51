package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.posmodern.omnichannel.channel.meta.MetaSignature;
import com.posmodern.omnichannel.support.PlatformStubs;
import com.posmodern.omnichannel.support.QueueServerMain;
import com.posmodern.omnichannel.support.Webhooks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-conversation order and exactly-once state through the faults a restaurant's night brings, on
 * the deployment docker-compose describes (the queue server beside the app, each its own process):
 * 200 Messenger customers write 10 messages each, one after the other as people do, retrying what
 * is not acknowledged as Meta does, while the queue server is frozen (SIGSTOP) for 12 seconds, then
 * killed (SIGKILL) and started again on its storage, and then the app is killed (SIGKILL) and
 * started again. Every message is answered "não entendi “mN”", so the Graph API stub shows which
 * message each reply answers. The checker: nothing lost, nothing out of order, and a reply repeated
 * only right after itself (the crash fell between the Graph API accepting it and the app recording
 * that), at most as many as there were consumers sending at the crash. The numbers go to {@code
 * target/faults/order-through-faults.txt}.
 */
class OrderThroughFaultsTest {

  /** Conversations of the fault run (2,000 messages); the two-instance run has half as many. */
  private static final int CONVERSATIONS = 200;

  private static final int MESSAGES = 10;
  private static final int CONSUMERS = 8;
  private static final String SECRET = "faults-test-messenger-secret";
  private static final String PAGE_ID = "900000000000001";
  private static final String PSID_PREFIX = "90000000008";
  private static final Pattern QUOTED = Pattern.compile("“m(\\d+)”");
  private static final Duration START_LIMIT = Duration.ofSeconds(150);

  private final PlatformStubs graph = new PlatformStubs().start();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final List<Process> processes = new ArrayList<>();
  private Process queue;
  private int conversations = CONVERSATIONS;
  private final List<String> timeline = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stopEverything() {
    processes.forEach(Process::destroyForcibly);
    graph.server().stop();
  }

  @Test
  void ordersHoldThroughAQueueFreezeAQueueCrashAndAnAppCrash(@TempDir Path data) throws Exception {
    String faults = System.getProperty("faults", "freeze,queue-kill,app-kill");
    int queuePort = freePort();
    startQueue(queuePort, data);
    List<Instance> instances = List.of(new Instance("app", freePort(), h2(data), data));
    instances.get(0).start(queuePort);
    timeline.add(Instant.now() + " started: queue, one app instance on H2");

    ScheduledExecutorService customers = startCustomers(instances);
    try {
      awaitAcknowledged(conversations * MESSAGES / 5, instances);
      if (faults.contains("freeze")) {
        signal(queue, "STOP"); // frozen: the queue answers nothing
        timeline.add(Instant.now() + " queue frozen");
        await().pollDelay(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(13)).until(() -> true);
        signal(queue, "CONT");
        timeline.add(Instant.now() + " queue thawed");
      }
      awaitAcknowledged(conversations * MESSAGES * 2 / 5, instances);
      if (faults.contains("queue-kill")) {
        queue.destroyForcibly(); // SIGKILL
        timeline.add(Instant.now() + " queue killed");
        queue.waitFor(30, TimeUnit.SECONDS);
        startQueue(queuePort, data);
        timeline.add(Instant.now() + " queue restarted");
      }
      awaitAcknowledged(conversations * MESSAGES * 3 / 5, instances);
      if (faults.contains("app-kill")) {
        instances.get(0).kill(); // SIGKILL, replies in flight
        timeline.add(Instant.now() + " app killed");
        instances.get(0).start(queuePort);
        timeline.add(Instant.now() + " app restarted");
      }
      awaitAllAnswered(instances);
    } finally {
      customers.shutdownNow();
    }
    check(data, instances);
  }

  /**
   * Two instances behind a load balancer (each request to either, a failed one retried on the
   * next), sharing the queue server and PostgreSQL, as docker-compose scales them: one is killed
   * (SIGKILL) mid-load while the other goes on, and started again; 100 conversations of 10.
   */
  @Test
  void ordersHoldOnTwoInstancesWhenOneIsKilled(@TempDir Path data) throws Exception {
    conversations = CONVERSATIONS / 2; // 1,000 messages: the faults are the first test's
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
      List<String> database =
          List.of(
              "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
              "--spring.datasource.username=postgres",
              "--spring.datasource.password=");
      int queuePort = freePort();
      startQueue(queuePort, data);
      List<Instance> instances =
          List.of(
              new Instance("app-a", freePort(), database, data),
              new Instance("app-b", freePort(), database, data));
      instances.get(0).start(queuePort);
      instances.get(1).start(queuePort);
      timeline.add(Instant.now() + " started: queue, two app instances on PostgreSQL");

      ScheduledExecutorService customers = startCustomers(instances);
      try {
        awaitAcknowledged(conversations * MESSAGES * 3 / 10, instances.subList(1, 2));
        instances.get(0).kill(); // SIGKILL, replies in flight
        timeline.add(Instant.now() + " app-a killed");
        awaitAcknowledged(conversations * MESSAGES * 5 / 10, instances.subList(1, 2));
        instances.get(0).start(queuePort);
        timeline.add(Instant.now() + " app-a restarted");
        awaitAllAnswered(instances);
      } finally {
        customers.shutdownNow();
      }
      check(data, instances);
    }
  }

  private ScheduledExecutorService startCustomers(List<Instance> instances) {
    ScheduledExecutorService customers = Executors.newScheduledThreadPool(16);
    int[] ports = instances.stream().mapToInt(Instance::port).toArray();
    for (int c = 0; c < conversations; c++) {
      String psid = PSID_PREFIX + String.format("%04d", c);
      int first = c;
      customers.execute(() -> write(customers, ports, psid, 0, first));
    }
    return customers;
  }

  private void awaitAllAnswered(List<Instance> instances) {
    awaitAcknowledged(conversations * MESSAGES, instances);
    await()
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              for (Instance instance : instances) {
                instance.assertAlive();
              }
              return answered().size() == conversations
                  && answered().values().stream()
                      .allMatch(quoted -> quoted.containsAll(expectedQuotes()));
            });
  }

  private void check(Path data, List<Instance> instances) throws IOException {
    int lost = 0;
    int outOfOrder = 0;
    int repeats = 0;
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> conversation : answered().entrySet()) {
      List<Integer> once = new ArrayList<>();
      for (int quoted : conversation.getValue()) {
        if (!once.isEmpty() && once.get(once.size() - 1) == quoted) {
          repeats++;
        } else {
          once.add(quoted);
        }
      }
      List<Integer> expected = expectedQuotes();
      if (!once.equals(expected)) {
        lost += (int) expected.stream().filter(m -> !once.contains(m)).count();
        outOfOrder += outOfOrder(once);
        problems.add(conversation.getKey() + " answered " + conversation.getValue());
        graph.requests(PlatformStubs.MESSENGER_SEND).stream()
            .filter(
                r ->
                    PlatformStubs.json(r)
                        .path("recipient")
                        .path("id")
                        .asText()
                        .equals(conversation.getKey()))
            .forEach(
                r ->
                    timeline.add(
                        r.getLoggedDate().toInstant()
                            + " reply "
                            + conversation.getKey()
                            + " "
                            + PlatformStubs.json(r).path("message").path("text").asText()));
      }
    }
    String report =
        "messages acknowledged: %d (refused and retried: %d) in %d conversations%nlost: %d, out of order: %d, repeated replies: %d (bound: %d consumers)%n%s"
            .formatted(
                acknowledged.get(),
                refused.get(),
                answered().size(),
                lost,
                outOfOrder,
                repeats,
                CONSUMERS,
                String.join("\n", problems.stream().limit(20).toList()));
    Path file = Path.of("target", "faults", "order-through-faults-" + instances.size() + ".txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, report + "\n" + String.join("\n", timeline));
    for (Instance instance : instances) {
      Files.copy(
          instance.log(),
          file.resolveSibling(instances.size() + "-" + instance.name() + ".log"),
          StandardCopyOption.REPLACE_EXISTING);
    }
    if (Files.exists(data.resolve("queue.log"))) {
      Files.copy(
          data.resolve("queue.log"),
          file.resolveSibling(instances.size() + "-queue.log"),
          StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(answered()).as(report).hasSize(conversations);
    assertThat(lost).as(report).isZero();
    assertThat(outOfOrder).as(report).isZero();
    assertThat(problems).as(report).isEmpty();
    assertThat(repeats).as(report).isLessThanOrEqualTo(CONSUMERS);
  }

  private static List<Integer> expectedQuotes() {
    return java.util.stream.IntStream.range(0, MESSAGES).boxed().toList();
  }

  /** Messages answered after a later one (each counted once), in the order the replies came. */
  private static int outOfOrder(List<Integer> replies) {
    int late = 0;
    int highest = 0;
    for (int quoted : replies) {
      if (quoted < highest) {
        late++;
      }
      highest = Math.max(highest, quoted);
    }
    return late;
  }

  /** Per customer, the message numbers its "não entendi" replies quote, in arrival order. */
  private Map<String, List<Integer>> answered() {
    Map<String, List<Integer>> quotedBy = new TreeMap<>();
    graph.requests(PlatformStubs.MESSENGER_SEND).stream()
        .forEach(
            request -> {
              var json = PlatformStubs.json(request);
              Matcher quoted = QUOTED.matcher(json.path("message").path("text").asText());
              if (quoted.find()) {
                quotedBy
                    .computeIfAbsent(
                        json.path("recipient").path("id").asText(), id -> new ArrayList<>())
                    .add(Integer.parseInt(quoted.group(1)));
              }
            });
    return quotedBy;
  }

  /**
   * One customer writes message {@code m} to one of the instances; once it is acknowledged the next
   * one follows, otherwise the same message is sent again after a pause, as Meta retries, to the
   * next instance, as a load balancer would.
   */
  private void write(
      ScheduledExecutorService customers, int[] ports, String psid, int m, int attempt) {
    if (m == MESSAGES || customers.isShutdown()) {
      return;
    }
    int port = ports[attempt % ports.length];
    byte[] body = Webhooks.metaText("page", PAGE_ID, psid, "m_faults_" + psid + "_" + m, "m" + m);
    int status;
    try {
      status =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + port + "/webhooks/messenger"))
                      .timeout(Duration.ofSeconds(20))
                      .header("Content-Type", "application/json")
                      .header(MetaSignature.HEADER, MetaSignature.sign(SECRET, body))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
    } catch (IOException e) {
      status = -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      if (status == 200) {
        acknowledged.incrementAndGet();
        customers.schedule(
            () -> write(customers, ports, psid, m + 1, attempt + 1), 20, TimeUnit.MILLISECONDS);
      } else {
        refused.incrementAndGet();
        customers.schedule(
            () -> write(customers, ports, psid, m, attempt + 1), 250, TimeUnit.MILLISECONDS);
      }
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the test is over
    }
  }

  /** Waits for the customers to have this many messages acknowledged, the instances alive. */
  private void awaitAcknowledged(int count, List<Instance> instances) {
    await()
        .atMost(START_LIMIT.plusSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              for (Instance instance : instances) {
                instance.assertAlive();
              }
              return acknowledged.get() >= count;
            });
  }

  /** Starts the queue server on its storage in {@code data}; {@link #queue} is the process. */
  private void startQueue(int port, Path data) throws IOException {
    queue =
        new ProcessBuilder(
                java(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                QueueServerMain.class.getName(),
                Integer.toString(port),
                "jdbc:h2:file:" + data.resolve("elasticmq").toAbsolutePath() + ";WRITE_DELAY=0")
            .redirectErrorStream(true)
            .start();
    processes.add(queue);
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(queue.getInputStream(), StandardCharsets.UTF_8));
    List<String> output = new ArrayList<>();
    String line;
    while ((line = lines.readLine()) != null && !line.equals("READY")) {
      output.add(line);
    }
    assertThat(line).as("queue server output: %s", output).isEqualTo("READY");
    // Keep draining its output so it never blocks on a full pipe.
    Thread drain =
        new Thread(
            () -> {
              try {
                String more;
                while ((more = lines.readLine()) != null) {
                  Files.writeString(
                      data.resolve("queue.log"),
                      more + "\n",
                      StandardOpenOption.CREATE,
                      StandardOpenOption.APPEND);
                }
              } catch (IOException e) {
                // it was killed
              }
            });
    drain.setDaemon(true);
    drain.start();
  }

  private static List<String> h2(Path data) {
    return List.of(
        "--spring.datasource.url=jdbc:h2:file:"
            + data.resolve("omnichannel").toAbsolutePath()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
  }

  /** One app instance: its own JVM, port and log; the database arguments given. */
  private final class Instance {

    private final String name;
    private final int port;
    private final List<String> database;
    private final Path data;
    private final Path log;
    private Process process;

    Instance(String name, int port, List<String> database, Path data) {
      this.name = name;
      this.port = port;
      this.database = database;
      this.data = data;
      this.log = data.resolve(name + ".log");
    }

    String name() {
      return name;
    }

    int port() {
      return port;
    }

    Path log() {
      return log;
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    void assertAlive() throws IOException {
      if (!process.isAlive()) {
        throw new AssertionError(name + " stopped; its log:\n" + Files.readString(log));
      }
    }

    void start(int queuePort) throws IOException {
      List<String> command = new ArrayList<>();
      command.addAll(
          List.of(
              java(),
              "-Xmx512m",
              "-XX:TieredStopAtLevel=1",
              "-cp",
              System.getProperty("java.class.path"),
              "com.posmodern.omnichannel.OmnichannelApplication",
              "--server.port=" + port,
              "--omnichannel.sqs.endpoint-override=http://127.0.0.1:" + queuePort,
              "--omnichannel.sqs.access-key-id=faults",
              "--omnichannel.sqs.secret-access-key=faults",
              "--omnichannel.sqs.create-queues=true",
              "--omnichannel.sqs.visibility-timeout=10s",
              "--omnichannel.sqs.wait-time-seconds=1",
              "--omnichannel.sqs.consumers=" + CONSUMERS,
              "--omnichannel.messenger.app-secret=" + SECRET,
              "--omnichannel.messenger.verify-token=faults-verify",
              "--omnichannel.messenger.access-token=EAAGfaultstoken",
              "--omnichannel.graph.base-url=" + graph.baseUrl() + "/graph",
              "--omnichannel.graph.version=v25.0",
              "--omnichannel.outbound.redelivery-delay-ms=20",
              "--omnichannel.chatbot.burst-window-ms=0",
              "--omnichannel.chatbot.handoff-after-misunderstandings=100000",
              "--omnichannel.security.pos.password=faults-pos",
              "--omnichannel.security.agent.password=faults-agent",
              "--omnichannel.security.operator.password=faults-operator",
              "--omnichannel.payment.pix.key=12345678000195",
              "--omnichannel.payment.pix.merchant-name=Cantina Sabor da Vila SP",
              "--omnichannel.payment.card-provider=mercadopago",
              "--omnichannel.payment.mercado-pago.access-token=APP_USR-faults-token",
              "--omnichannel.payment.mercado-pago.webhook-secret=faults-mercadopago-secret",
              "--omnichannel.payment.mercado-pago.base-url="
                  + graph.baseUrl()
                  + PlatformStubs.MERCADOPAGO,
              "--omnichannel.menu.catalog=classpath:menu/sample-menu.json",
              "--omnichannel.marketing.log-dir=" + data.resolve(name + "-marketing"),
              "--omnichannel.validator.results-dir=" + data.resolve(name + "-validation"),
              "--logging.level.root=WARN",
              "--logging.level.com.posmodern=" + System.getProperty("faults.log", "WARN")));
      command.addAll(database);
      Process app =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      processes.add(app);
      process = app;
      await()
          .atMost(START_LIMIT)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                assertAlive();
                try {
                  return http.send(
                              HttpRequest.newBuilder(
                                      URI.create("http://localhost:" + port + "/actuator/health"))
                                  .build(),
                              HttpResponse.BodyHandlers.discarding())
                          .statusCode()
                      == 200;
                } catch (IOException e) {
                  return false;
                }
              });
    }
  }

  private static void signal(Process process, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -%s", signal).isZero();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
