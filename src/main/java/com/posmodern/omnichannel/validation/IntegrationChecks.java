package com.posmodern.omnichannel.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.channel.instagram.InstagramProperties;
import com.posmodern.omnichannel.channel.messenger.MessengerProperties;
import com.posmodern.omnichannel.channel.meta.GraphApiProperties;
import com.posmodern.omnichannel.channel.meta.MetaSignature;
import com.posmodern.omnichannel.channel.whatsapp.WhatsAppProperties;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
      WhatsAppProperties whatsApp,
      MessengerProperties messenger,
      InstagramProperties instagram,
      GraphApiProperties graph,
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
      Clock clock) {}

  private final Subjects s;
  private final Probe probe;

  public IntegrationChecks(Subjects subjects) {
    this.s = subjects;
    this.probe = new Probe(subjects.settings().httpTimeout());
  }

  /**
   * Each channel (live, sandbox, or off: no credentials beside a live channel) and marketing
   * platform (live or sandbox).
   */
  public Map<String, String> modes() {
    Map<String, String> modes = new LinkedHashMap<>();
    for (Channel channel : Channel.values()) {
      modes.put(channel.id(), mode(channel));
    }
    for (MarketingIntegration integration : s.marketing()) {
      modes.put(integration.id(), integration.live() ? "live" : "sandbox");
    }
    return modes;
  }

  /** Every check, in the order they run. */
  public List<Check> all(String runId) {
    List<Check> checks = new ArrayList<>();
    Channel whatsApp = Channel.WHATSAPP;
    checks.add(channelCheck(whatsApp, "configuration", this::whatsAppConfiguration));
    checks.add(channelCheck(whatsApp, "credentials", this::whatsAppCredentials));
    checks.add(channelCheck(whatsApp, "sender", this::whatsAppSender));
    checks.add(channelCheck(whatsApp, "content-templates", this::whatsAppTemplates));
    checks.add(channelCheck(whatsApp, "webhook-signature", () -> whatsAppSignature(runId)));
    for (Channel channel : List.of(Channel.MESSENGER, Channel.INSTAGRAM)) {
      checks.add(channelCheck(channel, "token", () -> metaToken(channel)));
      checks.add(channelCheck(channel, "subscription", () -> metaSubscription(channel)));
      checks.add(channelCheck(channel, "verify-handshake", () -> metaHandshake(channel, runId)));
      checks.add(channelCheck(channel, "webhook-signature", () -> metaSignature(channel, runId)));
    }
    checks.add(new Check("payment.card-provider", "payment", this::cardProvider));
    checks.add(new Check("payment.pix-key", "payment", this::pixKey));
    checks.add(new Check("facebook-pixel.hashing", "facebook-pixel", this::hashingSelfCheck));
    checks.add(new Check("facebook-pixel.test-event", "facebook-pixel", this::pixelTestEvent));
    checks.add(new Check("ga4.validation", "ga4", this::ga4Validation));
    checks.add(new Check("sqs.queues", "sqs", this::queues));
    checks.add(new Check("database.schema", "database", this::database));
    checks.add(new Check("capabilities.freshness", "capabilities", this::capabilityFreshness));
    for (Channel channel : Channel.values()) {
      checks.add(channelCheck(channel, "round-trip", () -> roundTrip(channel, runId)));
    }
    return checks;
  }

  private String mode(Channel channel) {
    boolean live =
        switch (channel) {
          case WHATSAPP -> s.whatsApp().live();
          case MESSENGER -> s.messenger().live();
          case INSTAGRAM -> s.instagram().live();
        };
    return live ? "live" : s.local().active() ? "sandbox" : "off";
  }

  /** A check of one channel, skipped while the channel is off. */
  private Check channelCheck(Channel channel, String name, Supplier<Outcome> check) {
    return new Check(
        channel.id() + "." + name,
        channel.id(),
        () ->
            mode(channel).equals("off")
                ? Outcome.skipped(
                    "off: no credentials beside a live channel, so its webhooks answer 404")
                : check.get());
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

  // ---- WhatsApp ----

  private Outcome whatsAppConfiguration() {
    WhatsAppProperties w = s.whatsApp();
    if (!w.live()) {
      return Outcome.pass("sandboxed: TWILIO_ACCOUNT_SID is not set, replies go to the sandbox");
    }
    List<String> problems = new ArrayList<>();
    if (!w.accountSid().matches("AC[0-9a-fA-F]{32}")) {
      problems.add("TWILIO_ACCOUNT_SID is not an account SID (AC + 32 hex digits)");
    }
    if (blank(w.authToken()) || w.authToken().startsWith("dev-")) {
      problems.add("TWILIO_AUTH_TOKEN is missing or a development value");
    }
    return problems.isEmpty()
        ? Outcome.pass("account " + mask(w.accountSid()) + ", auth token set")
        : Outcome.fail(
            String.join("; ", problems),
            "copy the Account SID and Auth Token from console.twilio.com into TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN");
  }

  private Outcome whatsAppCredentials() {
    WhatsAppProperties w = s.whatsApp();
    String sid = w.live() ? w.accountSid() : "ACsandbox";
    String base = w.live() ? w.apiBaseUrl() : s.local().baseUrl() + "/twilio";
    Probe.Answer answer =
        probe.get(
            base + "/2010-04-01/Accounts/" + sid + ".json",
            Map.of("Authorization", basic(sid, w.authToken()), "Accept", "application/json"));
    if (answer.ok()) {
      JsonNode account = read(answer.body());
      String status = account.path("status").asText("?");
      return "active".equals(status)
          ? Outcome.pass("Twilio accepted the credentials: account " + mask(sid) + " is active")
          : Outcome.fail(
              "account " + mask(sid) + " is " + status,
              "reactivate the Twilio account or use an active one");
    }
    return Outcome.fail(
        "Twilio answered " + describe(answer) + " to the account fetch",
        answer.status() == 401
            ? "Twilio refused TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN (error 20003): copy both again from console.twilio.com"
            : "check TWILIO_API_BASE_URL and the network path to Twilio");
  }

  private Outcome whatsAppSender() {
    String sender = s.whatsApp().phoneNumber();
    return sender != null && sender.matches("\\+[1-9]\\d{7,14}")
        ? Outcome.pass("sender " + sender)
        : Outcome.fail(
            "TWILIO_PHONE_NUMBER is '" + sender + "'",
            "set TWILIO_PHONE_NUMBER to the WhatsApp sender in E.164, e.g. +5511999990000");
  }

  private Outcome whatsAppTemplates() {
    Map<String, String> sids = s.whatsApp().contentSids();
    if (sids.isEmpty()) {
      return Outcome.pass(
          "no content templates configured: choices go as numbered text, nothing is sent outside the 24-hour window");
    }
    if (!s.whatsApp().live()) {
      return Outcome.skipped(
          sids.size() + " template(s) configured; the sandbox has no Content API");
    }
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> use : new TreeMap<>(sids).entrySet()) {
      Probe.Answer answer =
          probe.get(
              s.whatsApp().contentBaseUrl() + "/v1/Content/" + use.getValue(),
              Map.of("Authorization", basic(s.whatsApp().accountSid(), s.whatsApp().authToken())));
      if (!answer.ok()) {
        missing.add(use.getKey() + "=" + use.getValue() + " (" + describe(answer) + ")");
      }
    }
    return missing.isEmpty()
        ? Outcome.pass(sids.size() + " content template(s) resolve in the Content API")
        : Outcome.fail(
            "not found: " + String.join(", ", missing),
            "run POST /api/operator/whatsapp/content-setup, or fix omnichannel.whatsapp.content-sids");
  }

  private Outcome whatsAppSignature(String runId) {
    String path = "/webhooks/whatsapp/status";
    Map<String, String> form = new TreeMap<>();
    form.put("MessageSid", "SMvalidator" + runId.replace("-", "").substring(0, 20));
    form.put("MessageStatus", "delivered");
    form.put("AccountSid", s.whatsApp().live() ? s.whatsApp().accountSid() : "ACsandbox");
    form.put("From", "whatsapp:" + s.whatsApp().phoneNumber());
    form.put("To", "whatsapp:+5500000000000");
    String url = s.publicUrls().of(path);
    String body = formBody(form);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    headers.put("X-Twilio-Signature", twilioSignature(s.whatsApp().authToken(), url, form));
    Probe.Answer signed = probe.post(s.local().serverUrl() + path, headers, body);
    headers.put("X-Twilio-Signature", twilioSignature("forged-" + runId, url, form));
    Probe.Answer forged = probe.post(s.local().serverUrl() + path, headers, body);
    if (signed.ok() && forged.status() == 403) {
      return Outcome.pass(
          "signed status callback accepted (" + signed.status() + "), forged one refused (403)");
    }
    return Outcome.fail(
        "signed: " + describe(signed) + ", forged: " + describe(forged),
        signed.status() == 403
            ? "the app signs against " + url + ": set PUBLIC_BASE_URL to the URL Twilio calls"
            : "check the whatsapp-status-webhook route and the queue (health)");
  }

  // ---- Messenger and Instagram ----

  private boolean metaLive(Channel channel) {
    return channel == Channel.MESSENGER ? s.messenger().live() : s.instagram().live();
  }

  private String metaBase(Channel channel) {
    if (!metaLive(channel)) {
      return s.local().baseUrl() + "/" + channel.id();
    }
    return channel == Channel.MESSENGER ? s.graph().baseUrl() : s.graph().instagramBaseUrl();
  }

  private Probe.Answer metaGet(Channel channel, String path) {
    String token =
        metaLive(channel)
            ? (channel == Channel.MESSENGER
                ? s.messenger().accessToken()
                : s.instagram().accessToken())
            : "sandbox";
    String url = metaBase(channel) + "/" + s.graph().version() + path;
    return channel == Channel.MESSENGER
        ? probe.get(
            url + (path.contains("?") ? "&" : "?") + "access_token=" + encode(token), Map.of())
        : probe.get(url, Map.of("Authorization", "Bearer " + token));
  }

  private String tokenVariable(Channel channel) {
    return channel == Channel.MESSENGER ? "MESSENGER_ACCESS_TOKEN" : "INSTAGRAM_ACCESS_TOKEN";
  }

  private Outcome metaToken(Channel channel) {
    Probe.Answer answer = metaGet(channel, "/me?fields=id,name");
    JsonNode me = read(answer.body());
    if (answer.ok() && me.hasNonNull("id")) {
      return Outcome.pass(
          (metaLive(channel) ? "" : "sandbox: ")
              + "token accepted for "
              + me.path("name").asText("?")
              + " ("
              + me.path("id").asText()
              + ")");
    }
    return Outcome.fail(
        "GET /me answered " + describe(answer),
        "the Graph API refused "
            + tokenVariable(channel)
            + ": generate a new token in the Meta app dashboard"
            + (channel == Channel.MESSENGER
                ? " (Page access token)"
                : " (Instagram API with Instagram Login)"));
  }

  private Outcome metaSubscription(Channel channel) {
    String id =
        channel == Channel.MESSENGER
            ? (blank(s.messenger().pageId()) ? null : s.messenger().pageId())
            : (blank(s.instagram().accountId()) ? "me" : s.instagram().accountId());
    if (id == null) {
      if (metaLive(channel)) {
        return Outcome.fail(
            "MESSENGER_PAGE_ID is not set", "set MESSENGER_PAGE_ID to the Facebook Page id");
      }
      id = "sandbox-page";
    }
    Probe.Answer answer = metaGet(channel, "/" + id + "/subscribed_apps");
    JsonNode data = read(answer.body()).path("data");
    if (answer.ok() && data.isArray() && !data.isEmpty()) {
      boolean messages = false;
      for (JsonNode app : data) {
        for (JsonNode field : app.path("subscribed_fields")) {
          messages |= field.asText().equals("messages");
        }
      }
      return messages
          ? Outcome.pass(data.size() + " app(s) subscribed to " + id + ", messages included")
          : Outcome.fail(
              "subscribed without the messages field",
              "subscribe the app with subscribed_fields=messages,messaging_postbacks");
    }
    return Outcome.fail(
        "GET /" + id + "/subscribed_apps answered " + describe(answer),
        "subscribe the app to the "
            + (channel == Channel.MESSENGER ? "Page" : "Instagram account")
            + ": POST /"
            + id
            + "/subscribed_apps?subscribed_fields=messages,messaging_postbacks");
  }

  private Outcome metaHandshake(Channel channel, String runId) {
    String token =
        channel == Channel.MESSENGER ? s.messenger().verifyToken() : s.instagram().verifyToken();
    String challenge = Long.toString(Math.abs((long) runId.hashCode()) + 1000);
    String base =
        s.local().serverUrl()
            + "/webhooks/"
            + channel.id()
            + "?hub.mode=subscribe&hub.challenge="
            + challenge;
    Probe.Answer right = probe.get(base + "&hub.verify_token=" + encode(token), Map.of());
    Probe.Answer wrong = probe.get(base + "&hub.verify_token=forged-" + runId, Map.of());
    if (right.ok() && challenge.equals(right.body().strip()) && wrong.status() == 403) {
      return Outcome.pass("challenge echoed with the verify token, refused (403) without it");
    }
    return Outcome.fail(
        "with the token: " + describe(right) + "; with a wrong one: " + describe(wrong),
        "check the "
            + channel.id()
            + "-webhook-verify route and "
            + (channel == Channel.MESSENGER ? "MESSENGER_VERIFY_TOKEN" : "INSTAGRAM_VERIFY_TOKEN"));
  }

  private Outcome metaSignature(Channel channel, String runId) {
    String business =
        channel == Channel.MESSENGER
            ? (blank(s.messenger().pageId()) ? "validator-page" : s.messenger().pageId())
            : (blank(s.instagram().accountId()) ? "validator-ig" : s.instagram().accountId());
    String object = channel == Channel.MESSENGER ? "page" : "instagram";
    long now = s.clock().millis();
    // A read receipt: accepted and queued like any event, never answered.
    String body =
        ("{\"object\":\"%s\",\"entry\":[{\"id\":\"%s\",\"time\":%d,\"messaging\":[{\"sender\":{\"id\":\"validator-%s\"},"
                + "\"recipient\":{\"id\":\"%s\"},\"timestamp\":%d,\"read\":{\"watermark\":%d}}]}]}")
            .formatted(object, business, now, runId.substring(0, 8), business, now, now);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String secret =
        channel == Channel.MESSENGER ? s.messenger().appSecret() : s.instagram().appSecret();
    String url = s.local().serverUrl() + "/webhooks/" + channel.id();
    Probe.Answer signed =
        probe.post(
            url,
            Map.of(
                "Content-Type",
                "application/json",
                MetaSignature.HEADER,
                MetaSignature.sign(secret, bytes)),
            body);
    Probe.Answer forged =
        probe.post(
            url,
            Map.of(
                "Content-Type",
                "application/json",
                MetaSignature.HEADER,
                MetaSignature.sign("forged-" + runId, bytes)),
            body);
    if (signed.ok() && forged.status() == 403) {
      return Outcome.pass(
          "signed event accepted (" + signed.status() + "), forged one refused (403)");
    }
    return Outcome.fail(
        "signed: " + describe(signed) + ", forged: " + describe(forged),
        "check the "
            + channel.id()
            + "-webhook route, "
            + (channel == Channel.MESSENGER ? "MESSENGER_APP_SECRET" : "INSTAGRAM_APP_SECRET")
            + " and the queue (health)");
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

  private Outcome roundTrip(Channel channel, String runId) {
    boolean live =
        switch (channel) {
          case WHATSAPP -> s.whatsApp().live();
          case MESSENGER -> s.messenger().live();
          case INSTAGRAM -> s.instagram().live();
        };
    if (live) {
      return Outcome.skipped("the channel is live: the validator writes to no real customer");
    }
    String digits = String.format("%08d", Math.abs((long) runId.hashCode()) % 100_000_000L);
    // unique per channel: the queue and the chatbot take a message id once
    String mid = "m_validator_" + channel.id() + "_" + runId;
    Probe.Answer sent;
    String customer;
    if (channel == Channel.WHATSAPP) {
      customer = "+55000" + digits;
      Map<String, String> form = new TreeMap<>();
      form.put("MessageSid", "SM" + runId.replace("-", ""));
      form.put("From", "whatsapp:" + customer);
      form.put("To", "whatsapp:" + s.whatsApp().phoneNumber());
      form.put("Body", "oi");
      form.put("ProfileName", "Validator");
      String path = "/webhooks/whatsapp";
      sent =
          probe.post(
              s.local().serverUrl() + path,
              Map.of(
                  "Content-Type",
                  "application/x-www-form-urlencoded",
                  "X-Twilio-Signature",
                  twilioSignature(s.whatsApp().authToken(), s.publicUrls().of(path), form)),
              formBody(form));
    } else {
      customer = "validator-" + digits;
      String business = channel == Channel.MESSENGER ? "validator-page" : "validator-ig";
      String object = channel == Channel.MESSENGER ? "page" : "instagram";
      long now = s.clock().millis();
      String body =
          ("{\"object\":\"%s\",\"entry\":[{\"id\":\"%s\",\"time\":%d,\"messaging\":[{\"sender\":{\"id\":\"%s\"},"
                  + "\"recipient\":{\"id\":\"%s\"},\"timestamp\":%d,\"message\":{\"mid\":\"%s\",\"text\":\"oi\"}}]}]}")
              .formatted(object, business, now, customer, business, now, mid);
      String secret =
          channel == Channel.MESSENGER ? s.messenger().appSecret() : s.instagram().appSecret();
      sent =
          probe.post(
              s.local().serverUrl() + "/webhooks/" + channel.id(),
              Map.of(
                  "Content-Type",
                  "application/json",
                  MetaSignature.HEADER,
                  MetaSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8))),
              body);
    }
    if (!sent.ok()) {
      return Outcome.fail(
          "the webhook answered " + describe(sent),
          "check the " + channel.id() + "-webhook route and the inbound queue (health)");
    }
    long deadline = System.nanoTime() + s.settings().roundTripTimeout().toNanos();
    String conversation = null;
    long replies = 0;
    while (System.nanoTime() < deadline) {
      conversation =
          s.jdbc()
              .sql("select id from conversation where channel = ? and customer_id in (?, ?)")
              .params(channel.id(), customer, "whatsapp:" + customer)
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
                + channel.id()
                + "-reply route's failures (GET /api/operator/replies)");
  }

  // ---- helpers ----

  static String twilioSignature(String authToken, String url, Map<String, String> form) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JVM", e);
    }
  }

  /** A form post's body, as Twilio sends it. */
  private static String formBody(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String describe(Probe.Answer answer) {
    if (answer.status() == 0) {
      return "nothing (" + answer.body() + ")";
    }
    String body = answer.body() == null ? "" : answer.body().strip();
    return answer.status()
        + (body.isEmpty() ? "" : " " + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
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
