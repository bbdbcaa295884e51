package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.support.Customer;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an evaluation set: customer messages in context, written as customers write them, each with
 * what the bot must do (the cart after it, the question it asks next, what the reply says, what is
 * stored), through the real routes, each case as a new WhatsApp customer (or Messenger or Instagram
 * one, for a category named {@code name/messenger} or {@code name/instagram}). Prints the score per
 * category and fails when a category falls below its floor in {@code evaluation/floors.properties};
 * the floors only go up. Every failing case, with what the bot answered, is in {@code
 * target/evaluation/conversations.txt}.
 */
abstract class ConversationEvaluationSupport extends EndToEndTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger CUSTOMERS = new AtomicInteger();

  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * One case: the context that leads to the message, the message, what must follow, and (in the AI
   * set) the tool calls a stub model answers with, as JSON; null when none.
   */
  record Case(
      int line,
      String category,
      List<String> context,
      String message,
      List<String> expected,
      String script) {}

  /** A case's outcome: null when it passed, else why not. */
  record Outcome(Case evaluated, String failure, String answer) {}

  /** Called with every case before any runs (a stub may answer for the cases). */
  protected void prepare(List<Case> cases) {}

  /**
   * Runs the cases of {@code casesResource}, prints the score per category and writes it with every
   * failing case to {@code target/evaluation/<report>}; fails when a category is below its floor in
   * {@code floorsResource} (null: no floors, the score is only reported).
   */
  protected void evaluate(String casesResource, String floorsResource, String report, int atLeast)
      throws Exception {
    List<Case> cases = read(casesResource);
    Properties floors = new Properties();
    if (floorsResource != null) {
      try (InputStream in = resource(floorsResource)) {
        floors.load(in);
      }
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(atLeast);
    prepare(cases);

    List<Outcome> outcomes = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Outcome>> running = new ArrayList<>();
      for (Case c : cases) {
        running.add(pool.submit(() -> evaluate(c)));
      }
      for (Future<Outcome> outcome : running) {
        outcomes.add(outcome.get());
      }
    } finally {
      pool.shutdownNow();
    }

    Map<String, int[]> scores = new TreeMap<>();
    StringBuilder failures = new StringBuilder();
    for (Outcome outcome : outcomes) {
      int[] score = scores.computeIfAbsent(outcome.evaluated().category(), c -> new int[2]);
      score[1]++;
      if (outcome.failure() == null) {
        score[0]++;
      } else {
        Case c = outcome.evaluated();
        failures
            .append("line ")
            .append(c.line())
            .append(" [")
            .append(c.category())
            .append("] ")
            .append(c.message())
            .append("\n  expected: ")
            .append(String.join(" ; ", c.expected()))
            .append("\n  failed: ")
            .append(outcome.failure())
            .append("\n  answer: ")
            .append(outcome.answer().replace("\n", "\n          "))
            .append("\n\n");
      }
    }
    StringBuilder table = new StringBuilder("Conversation evaluation (score / floor):\n");
    List<String> below = new ArrayList<>();
    int passed = 0;
    for (Map.Entry<String, int[]> score : scores.entrySet()) {
      int[] s = score.getValue();
      passed += s[0];
      double percent = 100.0 * s[0] / s[1];
      double floor =
          floorsResource == null
              ? 0
              : Double.parseDouble(floors.getProperty(score.getKey(), "100"));
      table.append(
          String.format(
              Locale.ROOT,
              "  %-22s %3d/%3d  %5.1f%%  (floor %5.1f%%)%n",
              score.getKey(),
              s[0],
              s[1],
              percent,
              floor));
      if (percent + 1e-9 < floor) {
        below.add(score.getKey());
      }
    }
    table.append(
        String.format(
            Locale.ROOT,
            "  %-22s %3d/%3d  %5.1f%%%n",
            "all",
            passed,
            outcomes.size(),
            100.0 * passed / outcomes.size()));
    Path file = Path.of("target", "evaluation", report);
    Files.createDirectories(file.getParent());
    Files.writeString(file, table + "\n" + failures);
    System.out.print(table);

    assertThat(below)
        .as("categories below their floor (failures in %s):%n%s", file, table)
        .isEmpty();
  }

  private Outcome evaluate(Case c) {
    int n = CUSTOMERS.incrementAndGet();
    // "typed-order/messenger": the case runs on Messenger (or Instagram); WhatsApp otherwise.
    String channel = c.category().contains("/") ? c.category().split("/")[1] : "whatsapp";
    Customer customer =
        switch (channel) {
          case "messenger" ->
              new Customer(port, jdbc, channel, "9700000%08d".formatted(n), MESSENGER_SECRET);
          case "instagram" ->
              new Customer(port, jdbc, channel, "9800000%08d".formatted(n), INSTAGRAM_SECRET);
          default ->
              new Customer(
                  port, jdbc, "whatsapp", "+55119%08d".formatted(70_000_000 + n), TWILIO_TOKEN);
        };
    String conversationId =
        customer.conversationId(
            switch (channel) {
              case "messenger" -> PAGE_ID;
              case "instagram" -> IG_ID;
              default -> "+14155238886";
            });
    List<ReplyPart> answer = List.of();
    try {
      for (String step : c.context()) {
        act(customer, conversationId, step);
      }
      answer = act(customer, conversationId, c.message());
      String text = Customer.text(answer);
      for (String expectation : c.expected()) {
        String failure = check(expectation, conversationId, text);
        if (failure != null) {
          return new Outcome(c, failure, describe(answer));
        }
      }
      return new Outcome(c, null, describe(answer));
    } catch (Exception | AssertionError e) {
      return new Outcome(c, "could not run: " + e, describe(answer));
    }
  }

  /** One step of a context: a typed message, a tap ({@code [PAYLOAD]}) or a POS status event. */
  private List<ReplyPart> act(Customer customer, String conversationId, String step)
      throws Exception {
    if (step.startsWith("[") && step.endsWith("]")) {
      return customer.picks(step.substring(1, step.length() - 1));
    }
    if (step.startsWith("{pos:") && step.endsWith("}")) {
      posEvent(lastOrder(conversationId), step.substring(5, step.length() - 1));
      return List.of();
    }
    return customer.says(step);
  }

  private String check(String expectation, String conversationId, String replies) {
    int equals = expectation.indexOf('=');
    String key = expectation.substring(0, equals).trim();
    String value = expectation.substring(equals + 1).trim();
    JsonNode state = state(conversationId);
    switch (key) {
      case "says":
        return normalize(replies).contains(normalize(value))
            ? null
            : "the reply lacks “" + value + "”";
      case "not":
        return normalize(replies).contains(normalize(value))
            ? "the reply says “" + value + "”"
            : null;
      case "step":
        String step = state.path("step").asText();
        return step.equals(value) ? null : "step " + step;
      case "cart":
        String cart = cart(state);
        return cart.equals(canonicalCart(value))
            ? null
            : "cart " + (cart.isEmpty() ? "empty" : cart);
      case "rating":
        List<Integer> ratings =
            jdbc.sql("select rating from order_feedback where conversation_id = ?")
                .param(conversationId)
                .query(Integer.class)
                .list();
        return ratings.equals(List.of(Integer.parseInt(value))) ? null : "ratings " + ratings;
      default:
        if (key.startsWith("state.")) {
          JsonNode node = state;
          for (String field : key.substring(6).split("\\.")) {
            node = node.path(field);
          }
          return node.asText().equals(value) ? null : key + " " + node.asText();
        }
        throw new IllegalArgumentException("Unknown expectation: " + expectation);
    }
  }

  /** The cart as "2 pizza-calabresa:grande+borda-catupiry, 1 coca-cola:lata", lines sorted. */
  private static String cart(JsonNode state) {
    Map<String, Integer> lines = new TreeMap<>();
    for (JsonNode line : state.path("cart")) {
      StringBuilder key = new StringBuilder(line.path("itemId").asText());
      if (!line.path("variantId").isMissingNode() && !line.path("variantId").isNull()) {
        key.append(':').append(line.path("variantId").asText());
      }
      List<String> addons = new ArrayList<>();
      line.path("addons").forEach(a -> addons.add(a.path("id").asText()));
      addons.stream().sorted().forEach(a -> key.append('+').append(a));
      lines.merge(key.toString(), line.path("quantity").asInt(), Integer::sum);
    }
    List<String> out = new ArrayList<>();
    lines.forEach((k, q) -> out.add(q + " " + k));
    return String.join(", ", out);
  }

  private static String canonicalCart(String expected) {
    Map<String, Integer> lines = new TreeMap<>();
    for (String line : expected.split(",")) {
      String trimmed = line.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int space = trimmed.indexOf(' ');
      String[] parts = trimmed.substring(space + 1).trim().split("\\+");
      StringBuilder key = new StringBuilder(parts[0]);
      List.of(parts).subList(1, parts.length).stream()
          .sorted()
          .forEach(a -> key.append('+').append(a));
      lines.merge(key.toString(), Integer.parseInt(trimmed.substring(0, space)), Integer::sum);
    }
    List<String> out = new ArrayList<>();
    lines.forEach((k, q) -> out.add(q + " " + k));
    return String.join(", ", out);
  }

  private JsonNode state(String conversationId) {
    List<String> states =
        jdbc.sql("select state from conversation where id = ?")
            .param(conversationId)
            .query(String.class)
            .list();
    try {
      return states.isEmpty() ? JSON.createObjectNode() : JSON.readTree(states.get(0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String lastOrder(String conversationId) {
    return jdbc.sql(
            "select id from customer_order where conversation_id = ? order by created_at desc")
        .param(conversationId)
        .query(String.class)
        .list()
        .get(0);
  }

  private void posEvent(String orderId, String status) throws Exception {
    posEvent("eval-" + orderId + "-" + status, orderId, status, null);
    String inReplyTo = "pos:eval-" + orderId + "-" + status;
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .pollInterval(java.time.Duration.ofMillis(10))
        .until(
            () ->
                jdbc.sql(
                                "select count(*) from outbound_message where in_reply_to = ? and status <> 'PENDING'")
                            .param(inReplyTo)
                            .query(Long.class)
                            .single()
                        > 0
                    && jdbc.sql(
                                "select count(*) from outbound_message where in_reply_to = ? and status = 'PENDING'")
                            .param(inReplyTo)
                            .query(Long.class)
                            .single()
                        == 0);
  }

  private static String describe(List<ReplyPart> answer) {
    String text = Customer.text(answer);
    List<String> choices = Customer.choices(answer);
    return choices.isEmpty() ? text : text + "\n" + choices;
  }

  private static String normalize(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .replaceAll("[“”\"‘’']", "")
        .toLowerCase(Locale.ROOT);
  }

  /** Reads the cases; {@code @define name = steps} lines name contexts the cases reuse. */
  static List<Case> read(String resource) throws IOException {
    List<Case> cases = new ArrayList<>();
    Map<String, List<String>> defined = new LinkedHashMap<>();
    List<String> lines;
    try (InputStream in = resource(resource)) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("@define ")) {
        int equals = line.indexOf('=');
        defined.put(line.substring(8, equals).trim(), steps(line.substring(equals + 1), defined));
        continue;
      }
      String[] fields = line.split("\\s\\|\\s", 5);
      if (fields.length < 4) {
        throw new IllegalArgumentException(
            resource + " line " + (i + 1) + ": expected 4 fields separated by ' | ': " + line);
      }
      List<String> expected = new ArrayList<>();
      for (String e : fields[3].split("\\s;\\s")) {
        if (!e.isBlank()) {
          expected.add(e.trim());
        }
      }
      if (expected.isEmpty()) {
        throw new IllegalArgumentException(resource + " line " + (i + 1) + ": nothing expected");
      }
      cases.add(
          new Case(
              i + 1,
              fields[0].trim(),
              steps(fields[1], defined),
              fields[2].trim().replace("\\n", "\n"),
              expected,
              fields.length == 5 ? fields[4].trim() : null));
    }
    return cases;
  }

  private static List<String> steps(String context, Map<String, List<String>> defined) {
    List<String> steps = new ArrayList<>();
    String trimmed = context.trim();
    if (trimmed.equals("-")) {
      return steps;
    }
    for (String step : trimmed.split("\\s/\\s")) {
      String s = step.trim();
      if (s.startsWith("@")) {
        List<String> named = defined.get(s.substring(1));
        if (named == null) {
          throw new IllegalArgumentException("Context " + s + " is not defined");
        }
        steps.addAll(named);
      } else {
        steps.add(s);
      }
    }
    return steps;
  }

  private static InputStream resource(String name) {
    InputStream in = ConversationEvaluationTest.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("Missing test resource " + name);
    }
    return in;
  }
}
