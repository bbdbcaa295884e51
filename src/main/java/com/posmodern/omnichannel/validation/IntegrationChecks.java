package com.posmodern.omnichannel.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.ai.BedrockProbe;
import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.marketing.MarketingIntegration;
import com.posmodern.omnichannel.marketing.MarketingRequest;
import com.posmodern.omnichannel.marketing.TransientMarketingException;
import com.posmodern.omnichannel.marketing.facebook.CustomerInformation;
import com.posmodern.omnichannel.marketing.facebook.FacebookPixelIntegration;
import com.posmodern.omnichannel.marketing.ga4.GoogleAnalyticsIntegration;
import com.posmodern.omnichannel.payment.PaymentProperties;
import com.posmodern.omnichannel.payment.pix.PixKey;
import com.posmodern.omnichannel.platform.sqs.QueueDepth;
import com.posmodern.omnichannel.platform.sqs.SqsProperties;
import com.posmodern.omnichannel.platform.web.PublicUrls;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.privacy.PersonalData;
import com.posmodern.omnichannel.validation.OmnichannelValidator.Check;
import com.posmodern.omnichannel.validation.OmnichannelValidator.Outcome;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The validator's checks, per integration. Checks of a live channel talk to the platform (account,
 * token, subscription); checks of the webhooks go through this app's own live routes over HTTP,
 * signed as the platform signs and forged; the round trip (a customer message that must produce a
 * reply) runs only where the channel is sandboxed, so no real customer is ever written to.
 */
public class IntegrationChecks {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Everything the checks look at. */
  public record Subjects(
      List<ChannelChecks> channels,
      PaymentProperties payment,
      List<MarketingIntegration> marketing,
      SqsClient sqs,
      SqsProperties sqsProperties,
      JdbcClient jdbc,
      Flyway flyway,
      CapabilityTable capabilities,
      PersonalData personalData,
      SandboxLocation local,
      PublicUrls publicUrls,
      ValidatorProperties settings,
      BedrockProbe bedrock,
      Clock clock) {}

  private final Subjects s;
  private final Probe probe;

  public IntegrationChecks(Subjects subjects) {
    this.s =
        new Subjects(
            subjects.channels().stream()
                .sorted(java.util.Comparator.comparing(ChannelChecks::channel))
                .toList(),
            subjects.payment(),
            subjects.marketing(),
            subjects.sqs(),
            subjects.sqsProperties(),
            subjects.jdbc(),
            subjects.flyway(),
            subjects.capabilities(),
            subjects.personalData(),
            subjects.local(),
            subjects.publicUrls(),
            subjects.settings(),
            subjects.bedrock(),
            subjects.clock());
    this.probe = new Probe(subjects.settings().httpTimeout());
  }

  /**
   * Each channel (live, sandbox, or off: no credentials beside a live channel) and marketing
   * platform (live or sandbox).
   */
  public Map<String, String> modes() {
    Map<String, String> modes = new LinkedHashMap<>();
    for (ChannelChecks channel : s.channels()) {
      modes.put(channel.channel().id(), mode(channel));
    }
    for (MarketingIntegration integration : s.marketing()) {
      modes.put(integration.id(), integration.live() ? "live" : "sandbox");
    }
    modes.put("ai", s.bedrock().configured() ? "bedrock" : "off");
    return modes;
  }

  /** Every check, in the order they run: each channel's own, the shared ones, the round trips. */
  public List<Check> all(String runId) {
    List<Check> checks = new ArrayList<>();
    for (ChannelChecks channel : s.channels()) {
      for (ChannelChecks.NamedCheck check : channel.checks(probe, runId)) {
        checks.add(channelCheck(channel, check.name(), check.run()));
      }
    }
    checks.add(new Check("payment.card-provider", "payment", this::cardProvider));
    checks.add(new Check("payment.pix-key", "payment", this::pixKey));
    checks.add(new Check("facebook-pixel.hashing", "facebook-pixel", this::hashingSelfCheck));
    checks.add(new Check("facebook-pixel.test-event", "facebook-pixel", this::pixelTestEvent));
    checks.add(new Check("ga4.validation", "ga4", this::ga4Validation));
    checks.add(new Check("sqs.queues", "sqs", this::queues));
    checks.add(new Check("ai.bedrock", "ai", this::bedrock));
    checks.add(new Check("database.schema", "database", this::database));
    checks.add(new Check("capabilities.freshness", "capabilities", this::capabilityFreshness));
    for (ChannelChecks channel : s.channels()) {
      checks.add(channelCheck(channel, "round-trip", () -> roundTrip(channel, runId)));
    }
    return checks;
  }

  private String mode(ChannelChecks channel) {
    return channel.live() ? "live" : s.local().active() ? "sandbox" : "off";
  }

  /** A check of one channel, skipped while the channel is off. */
  private Check channelCheck(ChannelChecks channel, String name, Supplier<Outcome> check) {
    String id = channel.channel().id();
    return new Check(
        id + "." + name,
        id,
        () ->
            mode(channel).equals("off")
                ? Outcome.skipped(
                    "off: no credentials beside a live channel, so its webhooks answer 404")
                : check.get());
  }

  // ---- generative AI ----

  /**
   * A one-token Converse call when a model is configured; without one, AI is off by configuration
   * (the deterministic reader answers), which passes.
   */
  private Outcome bedrock() {
    BedrockProbe.Result result = s.bedrock().probe();
    if (!result.configured()) {
      return Outcome.pass(
          result.evidence() + "; customers are answered by the deterministic reader");
    }
    return result.ok()
        ? Outcome.pass(result.evidence())
        : Outcome.fail(
            result.evidence(),
            "Check BEDROCK_MODEL_ID (a model id or inference profile of AWS_REGION), the AWS credentials"
                + " (bedrock:InvokeModel on that model) and the model's access in the Bedrock console;"
                + " meanwhile customers are answered without AI");
  }

  // ---- payments ----

  private Outcome cardProvider() {
    PaymentProperties p = s.payment();
    if (!p.mercadoPagoSelected()) {
      return s.local().active()
          ? Outcome.pass("sandbox checkout (development only: it runs while no channel is live)")
          : Outcome.fail(
              "PAYMENT_PROVIDER is " + p.cardProvider() + " beside a live channel",
              "set PAYMENT_PROVIDER=mercadopago with MERCADOPAGO_ACCESS_TOKEN and MERCADOPAGO_WEBHOOK_SECRET");
    }
    if (blank(p.mercadoPago().webhookSecret())) {
      return Outcome.fail(
          "MERCADOPAGO_WEBHOOK_SECRET is not set: notifications cannot be verified",
          "copy the webhook secret from Mercado Pago's Your integrations → Webhooks");
    }
    // GET /users/me with the Bearer token, as Mercado Pago's own SDKs fetch the seller
    // (mercadopago-sdk User#get).
    Probe.Answer answer =
        probe.get(
            p.mercadoPago().baseUrl() + "/users/me",
            Map.of("Authorization", "Bearer " + p.mercadoPago().accessToken()));
    JsonNode me = read(answer.body());
    if (answer.ok() && me.hasNonNull("id")) {
      return Outcome.pass(
          "Mercado Pago accepted the access token (seller " + mask(me.path("id").asText()) + ")");
    }
    return Outcome.fail(
        "GET /users/me answered " + describe(answer),
        answer.status() == 401 || answer.status() == 403
            ? "Mercado Pago refused MERCADOPAGO_ACCESS_TOKEN: copy the production access token again"
            : "check MERCADOPAGO_API_BASE_URL and the network path to Mercado Pago");
  }

  private Outcome pixKey() {
    PaymentProperties.Pix pix = s.payment().pix();
    Optional<PixKey.Type> type = PixKey.type(pix.key());
    if (type.isEmpty()) {
      return Outcome.fail(
          "PIX_KEY is not a PIX key",
          "set PIX_KEY to the restaurant's key: CPF or CNPJ (digits only), e-mail, phone"
              + " (+55 with area code) or random key (UUID)");
    }
    boolean sample = pix.sampleKey();
    if (sample && !s.local().active()) {
      return Outcome.fail(
          "PIX_KEY is the sample restaurant's beside a live channel",
          "set PIX_KEY, PIX_MERCHANT_NAME and PIX_MERCHANT_CITY to the restaurant's");
    }
    return Outcome.pass(
        (sample ? "sandbox: the sample key, " : "")
            + type.get().name().toLowerCase()
            + " key "
            + mask(pix.key())
            + " for "
            + pix.merchantName()
            + ", "
            + pix.merchantCity());
  }

  // ---- marketing ----

  private Outcome hashingSelfCheck() {
    // Meta's published examples (customer information parameters page)
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(
        CustomerInformation.email("John_Smith@gmail.com"),
        "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f");
    expected.put(
        CustomerInformation.brazil().phone("+1 (650)555-1212"),
        "e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176");
    expected.put(
        CustomerInformation.name("Valéry"),
        "08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c");
    expected.put(
        CustomerInformation.country("United States"),
        "79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621");
    List<String> wrong = new ArrayList<>();
    expected.forEach(
        (normalised, hash) -> {
          if (normalised == null || !CustomerInformation.sha256(normalised).equals(hash)) {
            wrong.add(String.valueOf(normalised));
          }
        });
    return wrong.isEmpty()
        ? Outcome.pass(
            expected.size() + " of Meta's published normalisation and SHA-256 examples reproduced")
        : Outcome.fail(
            "did not reproduce Meta's example for " + wrong,
            "the customer information hashing changed: Meta would not match these customers; fix CustomerInformation");
  }

  private Optional<MarketingIntegration> marketing(String id) {
    return s.marketing().stream().filter(m -> m.id().equals(id)).findFirst();
  }

  private Outcome pixelTestEvent() {
    Optional<MarketingIntegration> found = marketing(FacebookPixelIntegration.ID);
    if (found.isEmpty()) {
      return Outcome.skipped("facebook-pixel is not in MARKETING_INTEGRATIONS");
    }
    FacebookPixelIntegration pixel = (FacebookPixelIntegration) found.get();
    if (!pixel.active()) {
      return Outcome.warn(
          "FACEBOOK_PIXEL_ID and FACEBOOK_ACCESS_TOKEN are not set: marketing events are skipped",
          "set them, or remove facebook-pixel from MARKETING_INTEGRATIONS");
    }
    String code = pixel.testEventCode();
    if (pixel.live() && blank(code)) {
      return Outcome.warn(
          "no test event sent: FACEBOOK_TEST_EVENT_CODE is not set, and a real event would be counted",
          "copy the test code from Events Manager → Test events into FACEBOOK_TEST_EVENT_CODE to validate the pixel");
    }
    MarketingRequest request =
        pixel.testEventRequest(blank(code) ? "VALIDATOR" : code, s.clock().instant());
    return send(
        pixel,
        request,
        "FACEBOOK_PIXEL_ID and FACEBOOK_ACCESS_TOKEN (Events Manager → Settings → Conversions API)");
  }

  private Outcome ga4Validation() {
    Optional<MarketingIntegration> found = marketing(GoogleAnalyticsIntegration.ID);
    if (found.isEmpty()) {
      return Outcome.skipped("ga4 is not in MARKETING_INTEGRATIONS");
    }
    GoogleAnalyticsIntegration ga4 = (GoogleAnalyticsIntegration) found.get();
    if (!ga4.active()) {
      return Outcome.warn(
          "GA4_MEASUREMENT_ID and GA4_API_SECRET are not set: GA4 events are skipped",
          "set them, or remove ga4 from MARKETING_INTEGRATIONS");
    }
    MarketingRequest request = ga4.validationRequest(s.clock().instant());
    Probe.Answer answer = probe.post(request.url(), request.headers(), request.body());
    JsonNode messages = read(answer.body()).path("validationMessages");
    if (answer.ok() && messages.isArray() && messages.isEmpty()) {
      return Outcome.pass(
          "GA4's validation server accepted a test event (" + request.redactedUrl() + ")");
    }
    return Outcome.fail(
        "validation answered " + describe(answer),
        "check GA4_MEASUREMENT_ID (the web stream's G-… id) and GA4_API_SECRET");
  }

  private Outcome send(
      MarketingIntegration integration, MarketingRequest request, String settings) {
    Probe.Answer answer = probe.post(request.url(), request.headers(), request.body());
    try {
      MarketingIntegration.RequestOutcome outcome =
          integration.read(request, answer.status(), answer.body());
      return outcome.accepted()
          ? Outcome.pass(
              (integration.live() ? "" : "sandbox: ") + "test event accepted, " + outcome.detail())
          : Outcome.fail(outcome.detail(), "check " + settings);
    } catch (TransientMarketingException e) {
      return Outcome.fail(
          answer.status() == 0 ? "unreachable: " + answer.body() : e.getMessage(),
          "the platform is unavailable or unreachable: try again, check the network path");
    }
  }

  // ---- platform ----

  private Outcome queues() {
    SqsProperties q = s.sqsProperties();
    Map<String, String> mainToDlq = new LinkedHashMap<>();
    for (String shard : q.inboundQueueNames()) {
      mainToDlq.put(shard, q.inboundDeadLetterQueue());
    }
    mainToDlq.put(q.posOrdersQueue(), q.posOrdersDeadLetterQueue());
    mainToDlq.put(q.posOrderEventsQueue(), q.posOrderEventsDeadLetterQueue());
    List<String> problems = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    // The inbound shards share one dead-letter queue: read and judge it once.
    Map<String, Map<String, String>> dlqs = new LinkedHashMap<>(); // null when unreadable
    for (Map.Entry<String, String> pair : mainToDlq.entrySet()) {
      Map<String, String> main = attributes(pair.getKey(), problems);
      boolean firstUse = !dlqs.containsKey(pair.getValue());
      if (firstUse) {
        dlqs.put(pair.getValue(), attributes(pair.getValue(), problems));
      }
      Map<String, String> dlq = dlqs.get(pair.getValue());
      if (main != null) {
        if (!"true".equals(main.get("FifoQueue"))) {
          problems.add(pair.getKey() + " is not FIFO");
        }
        String redrive = main.get("RedrivePolicy");
        if (redrive == null || !redrive.contains(pair.getValue())) {
          problems.add(pair.getKey() + " has no redrive policy to " + pair.getValue());
        } else {
          seen.add(
              pair.getKey()
                  + " → "
                  + pair.getValue()
                  + " after "
                  + read(redrive).path("maxReceiveCount").asText("?"));
        }
      }
      if (firstUse && dlq != null && !"true".equals(dlq.get("FifoQueue"))) {
        problems.add(pair.getValue() + " is not FIFO");
      }
    }
    leftOverShard(q, problems);
    return problems.isEmpty()
        ? Outcome.pass(
            (mainToDlq.size() + dlqs.size()) + " FIFO queues; redrive " + String.join(", ", seen))
        : Outcome.fail(
            String.join("; ", problems),
            "create the queues as docker/elasticmq.conf declares them (FIFO, content deduplication off, each with its FIFO dead-letter queue and maxReceiveCount), or set SQS_CREATE_QUEUES=true");
  }

  /**
   * Messages on the first shard past {@code SQS_INBOUND_SHARDS} (left by a larger shard count) are
   * read by no consumer.
   */
  private void leftOverShard(SqsProperties q, List<String> problems) {
    String queue = q.inboundShardName(q.inboundShardCount());
    try {
      long waiting = QueueDepth.of(s.sqs(), queue).total();
      if (waiting > 0) {
        problems.add(
            queue
                + " holds "
                + waiting
                + " message(s) no consumer reads: SQS_INBOUND_SHARDS is "
                + q.inboundShardCount()
                + "; raise it back until that queue is empty");
      }
    } catch (QueueDoesNotExistException e) {
      // the usual case: no shard beyond the configured ones
    } catch (RuntimeException e) {
      problems.add(queue + ": " + e.getMessage());
    }
  }

  private Map<String, String> attributes(String queue, List<String> problems) {
    try {
      String url = s.sqs().getQueueUrl(b -> b.queueName(queue)).queueUrl();
      return s.sqs()
          .getQueueAttributes(
              GetQueueAttributesRequest.builder()
                  .queueUrl(url)
                  .attributeNames(QueueAttributeName.ALL)
                  .build())
          .attributesAsStrings();
    } catch (QueueDoesNotExistException e) {
      problems.add(queue + " does not exist");
    } catch (RuntimeException e) {
      problems.add(queue + ": " + e.getMessage());
    }
    return null;
  }

  private Outcome database() {
    Integer one = s.jdbc().sql("select 1").query(Integer.class).single();
    var info = s.flyway().info();
    int pending = info.pending().length;
    String current = info.current() == null ? "none" : info.current().getVersion().getVersion();
    if (one == 1 && pending == 0) {
      return Outcome.pass("database answers; schema at version " + current + ", nothing pending");
    }
    return Outcome.fail(
        "schema at version " + current + ", " + pending + " migration(s) pending",
        "start the app once with a database user allowed to migrate (Flyway runs at start)");
  }

  private Outcome capabilityFreshness() {
    LocalDate today = LocalDate.ofInstant(s.clock().instant(), ZoneOffset.UTC);
    LocalDate oldest =
        java.util.Arrays.stream(Channel.values())
            .flatMap(c -> s.capabilities().of(c).checkedDates().stream())
            .min(LocalDate::compareTo)
            .orElse(null);
    if (oldest == null) {
      return Outcome.fail(
          "the capability table has no checked dates", "add the day each limit was checked");
    }
    LocalDate limit = today.minusDays(s.settings().capabilitiesMaxAge().toDays());
    return oldest.isBefore(limit)
        ? Outcome.fail(
            "oldest limit checked on "
                + oldest
                + " (older than "
                + s.settings().capabilitiesMaxAge().toDays()
                + " days)",
            "re-read the documentation pages cited in capabilities/channels.json, update the limits and their checked dates")
        : Outcome.pass(
            "table version " + s.capabilities().version() + ", oldest limit checked on " + oldest);
  }

  // ---- round trip ----

  private Outcome roundTrip(ChannelChecks channel, String runId) {
    if (channel.live()) {
      return Outcome.skipped("the channel is live: the validator writes to no real customer");
    }
    ChannelChecks.Greeting greeting = channel.greet(probe, runId);
    Probe.Answer sent = greeting.answer();
    List<String> customers = greeting.customerIds();
    if (!sent.ok()) {
      return Outcome.fail(
          "the webhook answered " + sent.describe(),
          "check the " + channel.channel().id() + "-webhook route and the inbound queue (health)");
    }
    long deadline = System.nanoTime() + s.settings().roundTripTimeout().toNanos();
    String conversation = null;
    long replies = 0;
    while (System.nanoTime() < deadline) {
      conversation =
          s.jdbc()
              .sql("select id from conversation where channel = :channel and customer_id in (:ids)")
              .param("channel", channel.channel().id())
              .param("ids", customers)
              .query(String.class)
              .optional()
              .orElse(conversation);
      if (conversation != null) {
        replies =
            s.jdbc()
                .sql(
                    "select count(*) from outbound_message where conversation_id = ?"
                        + " and status in ('SENT', 'DELIVERED', 'READ')")
                .param(conversation)
                .query(Long.class)
                .single();
        if (replies > 0) {
          break;
        }
      }
      sleep(Duration.ofMillis(200));
    }
    if (conversation != null) {
      s.personalData().eraseConversation(conversation, "validator");
    }
    return replies > 0
        ? Outcome.pass(
            "a sandbox customer's \"oi\" reached the chatbot and "
                + replies
                + " reply(ies) were sent")
        : Outcome.fail(
            conversation == null
                ? "the message never reached the chatbot within "
                    + s.settings().roundTripTimeout().toSeconds()
                    + " s"
                : "the chatbot took the message but no reply was sent within "
                    + s.settings().roundTripTimeout().toSeconds()
                    + " s",
            "check the chatbot-consume route and the SQS consumer (Hawtio, health), and the "
                + channel.channel().id()
                + "-reply route's failures (GET /api/operator/replies)");
  }

  // ---- helpers ----

  private static String describe(Probe.Answer answer) {
    return answer.describe();
  }

  private static String mask(String id) {
    return id == null || id.length() < 8
        ? "***"
        : id.substring(0, 2) + "…" + id.substring(id.length() - 4);
  }

  private static JsonNode read(String json) {
    try {
      return json == null || json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
