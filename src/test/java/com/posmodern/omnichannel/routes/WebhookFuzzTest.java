package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.posmodern.omnichannel.channel.meta.MetaSignature;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import com.posmodern.omnichannel.support.PlatformStubs;
import com.posmodern.omnichannel.support.Webhooks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hostile and malformed webhooks, generated: over 10,000 requests across the WhatsApp, Messenger
 * and Instagram webhooks (truncated and deep JSON, wrong types, huge values, invalid UTF-8, raw
 * control characters, random bytes, odd forms, repeated and missing fields, wrong content types,
 * wrong signatures), most of them correctly signed so they reach the parsers. Every one gets a 4xx
 * (or a 200 for a well-formed event the app ignores), never a 5xx; none puts anything on the queue;
 * the app is healthy and answers customers afterwards. The generator is seeded: a failure names the
 * case and repeats. Per-family counts of answers go to {@code target/fuzz/webhook-fuzz.txt}.
 */
class WebhookFuzzTest extends EndToEndTestSupport {

  private static final long SEED = 20261202L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One generated request. */
  private record Case(
      String family, String path, String contentType, byte[] body, Map<String, String> headers) {}

  @Autowired MeterRegistry registry;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void tenThousandMalformedWebhooksGetA4xxEnqueueNothingAndLeaveTheAppHealthy() throws Exception {
    Random random = new Random(SEED);
    List<Function<Random, Case>> families = new ArrayList<>();
    Map<Function<Random, Case>, Integer> counts = new LinkedHashMap<>();
    counts.put(this::metaTruncated, 1500);
    counts.put(this::metaWrongType, 2000);
    counts.put(this::metaDeep, 300);
    counts.put(this::metaHuge, 60);
    counts.put(this::metaInvalidUtf8, 800);
    counts.put(this::metaRawControl, 600);
    counts.put(this::metaRandomBytes, 600);
    counts.put(this::metaWrongContentType, 400);
    counts.put(this::metaBadSignature, 400);
    counts.put(this::metaWrongTopLevel, 300);
    counts.put(this::twilioMissing, 600);
    counts.put(this::twilioBadValue, 800);
    counts.put(this::twilioRepeated, 400);
    counts.put(this::twilioBadEncoding, 400);
    counts.put(this::twilioHuge, 40);
    counts.put(this::twilioWrongContentType, 400);
    counts.put(this::twilioGarbage, 400);
    counts.put(this::twilioBadSignature, 300);
    counts.forEach((family, n) -> families.addAll(java.util.Collections.nCopies(n, family)));
    java.util.Collections.shuffle(families, random);
    assertThat(families).hasSizeGreaterThanOrEqualTo(10_000);

    Map<String, Map<Integer, Integer>> answers = new TreeMap<>();
    Map<String, List<String>> accepted = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    int wrongCount = 0;
    double queued = messagesIn();
    for (int i = 0; i < families.size(); i++) {
      Case sent = families.get(i).apply(random);
      int status = send(sent);
      answers.computeIfAbsent(sent.family(), f -> new TreeMap<>()).merge(status, 1, Integer::sum);
      if (status == 200) {
        List<String> samples = accepted.computeIfAbsent(sent.family(), f -> new ArrayList<>());
        if (samples.size() < 5) {
          samples.add(preview(sent));
        }
      }
      double nowQueued = messagesIn();
      if (status >= 500 || (status >= 200 && status < 400 && status != 200)) {
        wrongCount++;
        wrong.add("#" + i + " " + sent.family() + " answered " + status + ": " + preview(sent));
      }
      if (nowQueued != queued) {
        wrongCount++;
        wrong.add("#" + i + " " + sent.family() + " was queued (" + status + "): " + preview(sent));
        queued = nowQueued;
      }
      if (wrong.size() > 20) {
        wrong.remove(wrong.size() - 1);
      }
    }
    report(answers, accepted);
    assertThat(wrong).as(wrongCount + " requests answered with a 5xx or queued").isEmpty();

    // Healthy afterwards: the probe is UP and a real customer on each channel is answered.
    HttpResponse<String> health = webhooks().get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("UP");
    String phone = "+5511900009901";
    webhooks().whatsApp(TWILIO_TOKEN, "SM000000000000000000000000fuzz0001", phone, "oi");
    String psid = "900000000009902";
    webhooks()
        .meta(
            "messenger",
            MESSENGER_SECRET,
            Webhooks.metaText("page", PAGE_ID, psid, "m_after_fuzz_1", "oi"));
    String igsid = "900000000009903";
    webhooks()
        .meta(
            "instagram",
            INSTAGRAM_SECRET,
            Webhooks.metaText("instagram", IG_ID, igsid, "m_after_fuzz_2", "oi"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                !platforms.whatsAppSentTo(phone).isEmpty()
                    && !platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, psid).isEmpty()
                    && !platforms.metaSentTo(PlatformStubs.INSTAGRAM_SEND, igsid).isEmpty());
  }

  // ---- Meta (Messenger and Instagram) ----

  private String metaChannel(Random random) {
    return random.nextBoolean() ? "messenger" : "instagram";
  }

  private ObjectNode metaEvent(String channel, Random random) {
    boolean messenger = channel.equals("messenger");
    String business = messenger ? PAGE_ID : IG_ID;
    String customer = "9000000000" + (10000 + random.nextInt(90000));
    ObjectNode root = NODES.objectNode();
    root.put("object", messenger ? "page" : "instagram");
    ObjectNode entry = root.putArray("entry").addObject();
    entry.put("id", business);
    entry.put("time", 1700000000000L);
    ObjectNode item = entry.putArray("messaging").addObject();
    item.putObject("sender").put("id", customer);
    item.putObject("recipient").put("id", business);
    item.put("timestamp", 1700000000000L);
    switch (random.nextInt(3)) {
      case 0 ->
          item.putObject("message").put("mid", "m_fuzz_" + random.nextLong()).put("text", "oi");
      case 1 -> {
        ObjectNode message = item.putObject("message");
        message.put("mid", "m_fuzz_" + random.nextLong()).put("text", "Pizza");
        message.putObject("quick_reply").put("payload", "CATEGORY:pizzas");
      }
      default ->
          item.putObject("postback")
              .put("mid", "m_fuzz_" + random.nextLong())
              .put("title", "Ver cardápio")
              .put("payload", "MENU");
    }
    return root;
  }

  private Case signedMeta(String family, String channel, byte[] body, String contentType) {
    String secret = channel.equals("messenger") ? MESSENGER_SECRET : INSTAGRAM_SECRET;
    return new Case(
        family,
        "/webhooks/" + channel,
        contentType,
        body,
        Map.of(MetaSignature.HEADER, MetaSignature.sign(secret, body)));
  }

  private Case signedMeta(String family, String channel, byte[] body) {
    return signedMeta(family, channel, body, "application/json");
  }

  private Case metaTruncated(Random random) {
    String channel = metaChannel(random);
    byte[] whole = bytes(metaEvent(channel, random));
    int cut = random.nextInt(whole.length - 1);
    return signedMeta("meta truncated JSON", channel, java.util.Arrays.copyOf(whole, cut));
  }

  /** A field the app reads, given a value of another JSON type. */
  private Case metaWrongType(Random random) {
    String channel = metaChannel(random);
    ObjectNode root = metaEvent(channel, random);
    ObjectNode entry = (ObjectNode) root.path("entry").get(0);
    ObjectNode item = (ObjectNode) entry.path("messaging").get(0);
    List<Runnable> mutations = new ArrayList<>();
    JsonNode wrongNotString = random.nextBoolean() ? wrongValue(random) : NODES.numberNode(42);
    mutations.add(
        () ->
            root.set("object", wrongNotString.isTextual() ? NODES.numberNode(7) : wrongNotString));
    mutations.add(() -> root.set("entry", notArray(random)));
    mutations.add(
        () ->
            ((com.fasterxml.jackson.databind.node.ArrayNode) root.path("entry"))
                .set(0, notObject(random)));
    mutations.add(() -> entry.set("id", wrongId(random)));
    mutations.add(() -> entry.set("messaging", notArray(random)));
    mutations.add(
        () ->
            ((com.fasterxml.jackson.databind.node.ArrayNode) entry.path("messaging"))
                .set(0, notObject(random)));
    mutations.add(() -> item.set("sender", notObject(random)));
    mutations.add(() -> ((ObjectNode) item.path("sender")).set("id", wrongId(random)));
    mutations.add(() -> item.set("recipient", notObject(random)));
    mutations.add(() -> ((ObjectNode) item.path("recipient")).set("id", wrongId(random)));
    mutations.add(() -> item.set("timestamp", notNumber(random)));
    if (item.has("message")) {
      ObjectNode message = (ObjectNode) item.path("message");
      mutations.add(() -> item.set("message", notObject(random)));
      mutations.add(() -> message.set("mid", notString(random)));
      mutations.add(() -> message.set("text", notString(random)));
      mutations.add(() -> message.set("attachments", notArray(random)));
      mutations.add(() -> message.set("quick_reply", notObject(random)));
      mutations.add(() -> message.putObject("quick_reply").set("payload", notString(random)));
      mutations.add(() -> message.set("is_echo", notBoolean(random)));
    } else {
      ObjectNode postback = (ObjectNode) item.path("postback");
      mutations.add(() -> item.set("postback", notObject(random)));
      mutations.add(() -> postback.set("payload", notString(random)));
      mutations.add(() -> postback.set("title", notString(random)));
      mutations.add(() -> postback.set("mid", notString(random)));
    }
    mutations.get(random.nextInt(mutations.size())).run();
    return signedMeta("meta wrong type", channel, bytes(root));
  }

  private Case metaDeep(Random random) {
    String channel = metaChannel(random);
    int depth = 33 + random.nextInt(random.nextBoolean() ? 100 : 20_000);
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    String body =
        "{\"object\":\"%s\",\"entry\":%s1%s}"
            .formatted(
                channel.equals("messenger") ? "page" : "instagram",
                open.repeat(depth),
                close.repeat(depth));
    return signedMeta("meta deep nesting", channel, body.getBytes(StandardCharsets.UTF_8));
  }

  private Case metaHuge(Random random) {
    String channel = metaChannel(random);
    ObjectNode root = metaEvent(channel, random);
    ObjectNode item = (ObjectNode) root.path("entry").get(0).path("messaging").get(0);
    int size = 300_000 + random.nextInt(3_000_000);
    String huge = "9".repeat(size);
    switch (random.nextInt(4)) {
      case 0 -> ((ObjectNode) item.path("sender")).put("id", huge);
      case 1 -> item.putObject("message").put("mid", "m_" + huge).put("text", "oi");
      case 2 -> item.putObject("message").put("mid", "m_huge").put("text", "a".repeat(size));
      default -> {
        var many = ((ObjectNode) root.path("entry").get(0)).putArray("messaging");
        for (int i = 0; i < 1001 + random.nextInt(2000); i++) {
          many.add(item.deepCopy());
        }
      }
    }
    return signedMeta("meta huge values", channel, bytes(root));
  }

  private Case metaInvalidUtf8(Random random) {
    String channel = metaChannel(random);
    byte[] whole = bytes(metaEvent(channel, random));
    String text = new String(whole, StandardCharsets.UTF_8);
    int at =
        text.indexOf("\"oi\"") > 0 ? text.indexOf("\"oi\"") + 1 : text.indexOf("\"mid\":\"") + 7;
    byte[][] invalid = {
      {(byte) 0xC3, 0x28},
      {(byte) 0xFF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xE2, (byte) 0x82},
      {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
      {(byte) 0x80}
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(whole, 0, at);
    out.writeBytes(invalid[random.nextInt(invalid.length)]);
    out.write(whole, at, whole.length - at);
    return signedMeta("meta invalid UTF-8", channel, out.toByteArray());
  }

  /** Raw (unescaped) control characters inside JSON strings, which JSON forbids. */
  private Case metaRawControl(Random random) {
    String channel = metaChannel(random);
    String text = new String(bytes(metaEvent(channel, random)), StandardCharsets.UTF_8);
    int at =
        text.indexOf("\"oi\"") > 0 ? text.indexOf("\"oi\"") + 1 : text.indexOf("\"mid\":\"") + 7;
    char control = (char) random.nextInt(0x20);
    return signedMeta(
        "meta raw control characters",
        channel,
        (text.substring(0, at) + control + text.substring(at)).getBytes(StandardCharsets.UTF_8));
  }

  private Case metaRandomBytes(Random random) {
    byte[] body = new byte[random.nextInt(4096)];
    random.nextBytes(body);
    if (body.length > 0 && random.nextBoolean()) {
      body[0] = '{';
    }
    return signedMeta("meta random bytes", metaChannel(random), body);
  }

  private Case metaWrongContentType(Random random) {
    String channel = metaChannel(random);
    String[] types = {
      "text/plain",
      "application/x-www-form-urlencoded",
      "application/xml",
      "multipart/form-data",
      ""
    };
    return signedMeta(
        "meta wrong content type",
        channel,
        bytes(metaEvent(channel, random)),
        types[random.nextInt(types.length)]);
  }

  private Case metaBadSignature(Random random) {
    String channel = metaChannel(random);
    byte[] body = bytes(metaEvent(channel, random));
    String[] signatures = {
      MetaSignature.sign("not-the-secret", body),
      "sha256=",
      "sha1=" + "0".repeat(40),
      "sha256=" + "zz".repeat(32),
      "",
      "sha256=" + "0".repeat(64)
    };
    return new Case(
        "meta bad signature",
        "/webhooks/" + channel,
        "application/json",
        body,
        Map.of(MetaSignature.HEADER, signatures[random.nextInt(signatures.length)]));
  }

  private Case metaWrongTopLevel(Random random) {
    String[] bodies = {
      "[]",
      "null",
      "42",
      "\"page\"",
      "true",
      "{}",
      "{\"object\":\"page\"}",
      "{\"object\":\"instagram\",\"entry\":null}",
      "[{\"object\":\"page\",\"entry\":[]}]",
      " ",
      ""
    };
    return signedMeta(
        "meta wrong top level",
        metaChannel(random),
        bodies[random.nextInt(bodies.length)].getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode wrongValue(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> NODES.numberNode(random.nextInt());
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.arrayNode().add("x");
      case 3 -> NODES.objectNode().put("x", 1);
      case 4 -> NODES.nullNode();
      default -> NODES.numberNode(random.nextDouble());
    };
  }

  private JsonNode notArray(Random random) {
    JsonNode value = wrongValue(random);
    return value.isArray() ? NODES.textNode("x") : value;
  }

  private JsonNode notObject(Random random) {
    JsonNode value = wrongValue(random);
    return value.isObject() ? NODES.textNode("x") : value;
  }

  private JsonNode notString(Random random) {
    JsonNode value = wrongValue(random);
    return value.isNull() ? NODES.numberNode(1) : value;
  }

  private JsonNode notNumber(Random random) {
    JsonNode value = wrongValue(random);
    return value.isNumber() || value.isNull() ? NODES.textNode("yesterday") : value;
  }

  private JsonNode notBoolean(Random random) {
    JsonNode value = wrongValue(random);
    return value.isBoolean() || value.isNull() ? NODES.textNode("yes") : value;
  }

  private JsonNode wrongId(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> NODES.textNode("");
      case 1 -> NODES.textNode("abc" + random.nextInt(1000));
      case 2 -> NODES.textNode("9".repeat(65));
      default -> notString(random);
    };
  }

  // ---- Twilio (WhatsApp) ----

  private List<String[]> twilioFields(Random random) {
    List<String[]> fields = new ArrayList<>();
    fields.add(new String[] {"MessageSid", "SM" + hex(random, 32)});
    fields.add(new String[] {"AccountSid", PlatformStubs.TWILIO_ACCOUNT});
    fields.add(new String[] {"From", "whatsapp:+55119" + (10000000 + random.nextInt(89999999))});
    fields.add(new String[] {"To", "whatsapp:+14155238886"});
    fields.add(new String[] {"Body", "oi"});
    fields.add(new String[] {"NumMedia", "0"});
    fields.add(new String[] {"ProfileName", "Maria"});
    return fields;
  }

  private static String hex(Random random, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append("0123456789abcdef".charAt(random.nextInt(16)));
    }
    return out.toString();
  }

  private Case signedTwilio(String family, List<String[]> fields) {
    String body = encode(fields);
    return new Case(
        family,
        "/webhooks/whatsapp",
        "application/x-www-form-urlencoded",
        body.getBytes(StandardCharsets.UTF_8),
        Map.of("X-Twilio-Signature", twilioSignature(fields)));
  }

  /** Twilio's signature over the URL and every name and value, sorted by name. */
  private String twilioSignature(List<String[]> fields) {
    StringBuilder data = new StringBuilder("http://localhost:" + port + "/webhooks/whatsapp");
    fields.stream()
        .sorted(java.util.Comparator.comparing((String[] f) -> f[0]).thenComparing(f -> f[1]))
        .forEach(f -> data.append(f[0]).append(f[1]));
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              TWILIO_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return java.util.Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(List<String[]> fields) {
    return String.join(
        "&",
        fields.stream()
            .map(
                f ->
                    URLEncoder.encode(f[0], StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(f[1], StandardCharsets.UTF_8))
            .toList());
  }

  private Case twilioMissing(Random random) {
    List<String[]> fields = twilioFields(random);
    String[] required = {"MessageSid", "From", "To"};
    String gone = required[random.nextInt(required.length)];
    fields.removeIf(f -> f[0].equals(gone) || (random.nextInt(4) == 0 && !f[0].equals("Body")));
    return signedTwilio("twilio missing field", fields);
  }

  private Case twilioBadValue(Random random) {
    List<String[]> fields = twilioFields(random);
    String[][] bad = {
      {"MessageSid", "SM" + hex(random, 31)},
      {"MessageSid", "XX"},
      {"MessageSid", ""},
      {"MessageSid", "SM" + hex(random, 30) + "\u0000\u0001"},
      {"MessageSid", "SM" + hex(random, 30) + "é!"},
      {"From", "+5511912345678"},
      {"From", "whatsapp:"},
      {"From", "whatsapp:+55 11 9"},
      {"From", "whatsapp:+" + "9".repeat(30)},
      {"From", "whatsapp:+5511\u00009123"},
      {"To", "whatsapp:abc"},
      {"To", ""},
      {"NumMedia", "-1"},
      {"NumMedia", "11"},
      {"NumMedia", "abc"},
      {"NumMedia", "2147483648"},
      {"NumMedia", "1.5"},
      {"WaId", "abc"},
      {"WaId", "55 11"},
    };
    String[] chosen = bad[random.nextInt(bad.length)];
    fields.removeIf(f -> f[0].equals(chosen[0]));
    fields.add(chosen);
    return signedTwilio("twilio bad value", fields);
  }

  private Case twilioRepeated(Random random) {
    List<String[]> fields = twilioFields(random);
    String[] twice = fields.get(random.nextInt(fields.size()));
    fields.add(
        random.nextInt(fields.size()),
        new String[] {twice[0], random.nextBoolean() ? twice[1] : twice[1] + "x"});
    return signedTwilio("twilio repeated key", fields);
  }

  private Case twilioBadEncoding(Random random) {
    List<String[]> fields = twilioFields(random);
    String body = encode(fields);
    String[] breakers = {"%zz", "%", "%C3%28", "%FF", "%ED%A0%80", "%E2%82", "%0", "%%"};
    String breaker = breakers[random.nextInt(breakers.length)];
    String keyed = random.nextBoolean() ? "Body=oi" + breaker : "From=" + breaker;
    String broken =
        keyed.startsWith("Body")
            ? body.replace("Body=oi", keyed)
            : body.replaceFirst("From=[^&]*", java.util.regex.Matcher.quoteReplacement(keyed));
    return new Case(
        "twilio bad percent-encoding",
        "/webhooks/whatsapp",
        "application/x-www-form-urlencoded",
        broken.getBytes(StandardCharsets.UTF_8),
        Map.of("X-Twilio-Signature", twilioSignature(fields)));
  }

  private Case twilioHuge(Random random) {
    List<String[]> fields = twilioFields(random);
    int size = 200_000 + random.nextInt(3_000_000);
    switch (random.nextInt(3)) {
      case 0 -> fields.add(new String[] {"MessageSid", "SM" + "a".repeat(size)});
      case 1 -> {
        for (int i = 0; i < 2000; i++) {
          fields.add(new String[] {"Field" + i, "x".repeat(size / 2000)});
        }
      }
      default -> fields.add(new String[] {"From", "whatsapp:+" + "1".repeat(size)});
    }
    return signedTwilio("twilio huge values", fields);
  }

  private Case twilioWrongContentType(Random random) {
    List<String[]> fields = twilioFields(random);
    Case signed = signedTwilio("twilio wrong content type", fields);
    String[] types = {
      "application/json", "text/plain", "multipart/form-data", "", "application/xml"
    };
    String type = types[random.nextInt(types.length)];
    byte[] body =
        type.equals("application/json")
            ? ("{\"MessageSid\":\"" + fields.get(0)[1] + "\",\"Body\":\"oi\"}")
                .getBytes(StandardCharsets.UTF_8)
            : signed.body();
    return new Case(signed.family(), signed.path(), type, body, signed.headers());
  }

  private Case twilioGarbage(Random random) {
    byte[] body = new byte[random.nextInt(2048)];
    random.nextBytes(body);
    if (random.nextBoolean()) {
      body =
          ("MessageSid&From&&=&" + new String(body, StandardCharsets.ISO_8859_1))
              .getBytes(StandardCharsets.ISO_8859_1);
    }
    return new Case(
        "twilio garbage body",
        "/webhooks/whatsapp",
        "application/x-www-form-urlencoded",
        body,
        Map.of("X-Twilio-Signature", "c2lnbmF0dXJl"));
  }

  private Case twilioBadSignature(Random random) {
    List<String[]> fields = twilioFields(random);
    Case signed = signedTwilio("twilio bad signature", fields);
    String[] signatures = {
      "", "AAAA", "not base64!", signed.headers().get("X-Twilio-Signature") + "x"
    };
    Map<String, String> headers =
        random.nextInt(5) == 0
            ? Map.of()
            : Map.of("X-Twilio-Signature", signatures[random.nextInt(signatures.length)]);
    return new Case(signed.family(), signed.path(), signed.contentType(), signed.body(), headers);
  }

  // ---- plumbing ----

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private int send(Case sent) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + sent.path()))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(sent.body()));
    if (!sent.contentType().isEmpty()) {
      request.header("Content-Type", sent.contentType());
    }
    sent.headers().forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      // The server may close a connection on a body it refuses before reading it all.
      return 499;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private double messagesIn() {
    return registry.find("omnichannel.messages.in").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private static String preview(Case sent) {
    String body = new String(sent.body(), StandardCharsets.UTF_8);
    return sent.path()
        + " ["
        + sent.contentType()
        + "] "
        + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
  }

  private static void report(
      Map<String, Map<Integer, Integer>> answers, Map<String, List<String>> accepted)
      throws IOException {
    StringBuilder out = new StringBuilder("family\tanswers (status=count)\n");
    answers.forEach(
        (family, statuses) -> out.append(family).append('\t').append(statuses).append('\n'));
    out.append(
        "\nAnswered 200 (well-formed events the app ignores; nothing was queued), samples:\n");
    accepted.forEach(
        (family, samples) ->
            samples.forEach(sample -> out.append(family).append('\t').append(sample).append('\n')));
    Path file = Path.of("target", "fuzz", "webhook-fuzz.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, out);
  }
}
