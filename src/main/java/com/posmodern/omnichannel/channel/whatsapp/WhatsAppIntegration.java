package com.posmodern.omnichannel.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.posmodern.omnichannel.campaign.CampaignMessage;
import com.posmodern.omnichannel.canonical.Attachment;
import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.MessageKind;
import com.posmodern.omnichannel.canonical.Referral;
import com.posmodern.omnichannel.canonical.Sender;
import com.posmodern.omnichannel.canonical.reply.CardsPart;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.ImagePart;
import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import com.posmodern.omnichannel.canonical.reply.SendDecision;
import com.posmodern.omnichannel.canonical.reply.SendOutcome;
import com.posmodern.omnichannel.canonical.reply.TemplatePart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import com.posmodern.omnichannel.channel.BasePlatformIntegration;
import com.posmodern.omnichannel.channel.CustomerAction;
import com.posmodern.omnichannel.channel.InboundMedia;
import com.posmodern.omnichannel.channel.NumberedChoices;
import com.posmodern.omnichannel.channel.SendOutcomes;
import com.posmodern.omnichannel.channel.SimulatedWebhook;
import com.posmodern.omnichannel.channel.TextSplitter;
import com.posmodern.omnichannel.channel.TransientSendException;
import com.posmodern.omnichannel.platform.web.Hmac;
import com.posmodern.omnichannel.platform.web.PublicUrls;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import com.posmodern.omnichannel.platform.web.WebhookRejectedException;
import com.posmodern.omnichannel.platform.web.WebhookRequest;
import com.twilio.security.RequestValidator;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;

/**
 * The WhatsApp-through-Twilio edge: verifies {@code X-Twilio-Signature} with twilio-java's {@link
 * RequestValidator} against the public URL, maps Twilio's form post to a canonical message
 * (https://www.twilio.com/docs/messaging/guides/webhook-request), and renders replies as Messages
 * API requests (https://www.twilio.com/docs/messaging/api/message-resource) that the whatsapp-reply
 * route posts with Camel's http component.
 */
public class WhatsAppIntegration extends BasePlatformIntegration {

  /** The header Twilio signs with. */
  public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  /** Where Twilio posts incoming messages (route whatsapp-webhook). */
  public static final String WEBHOOK_PATH = "/webhooks/whatsapp";

  /** Where Twilio posts delivery status callbacks (route whatsapp-status-webhook). */
  public static final String STATUS_PATH = "/webhooks/whatsapp/status";

  /** Exchange property holding the Messages API URL the reply route posts to. */
  public static final String SEND_API_URL = "sendApiUrl";

  private static final String WHATSAPP_PREFIX = "whatsapp:";

  /**
   * "MessageSid: A 34 character unique identifier for the message"
   * (https://www.twilio.com/docs/messaging/guides/webhook-request): a two-letter type and 32
   * characters.
   */
  private static final Pattern MESSAGE_SID = Pattern.compile("[A-Z]{2}[0-9A-Za-z]{32}");

  /** Media per message, Twilio's maximum. */
  private static final int MAX_MEDIA = 10;

  /** A WhatsApp address as Twilio writes it: {@code whatsapp:} and an E.164 number. */
  private static final Pattern WHATSAPP_ADDRESS = Pattern.compile("whatsapp:\\+[1-9]\\d{6,14}");

  private final ChannelCapabilities capabilities;
  private final WhatsAppProperties properties;
  private final SandboxLocation sandbox;
  private final RequestValidator validator;
  private final WhatsAppContent content;
  private final PublicUrls publicUrls;
  private final boolean hasPublicBaseUrl;

  public WhatsAppIntegration(
      ChannelCapabilities capabilities,
      WhatsAppProperties properties,
      WebhookProperties webhook,
      SandboxLocation sandbox) {
    super(webhook.publicBaseUrl());
    this.capabilities = capabilities;
    this.properties = properties;
    this.sandbox = sandbox;
    this.validator = new RequestValidator(properties.authToken());
    this.content = new WhatsAppContent(capabilities, properties);
    this.publicUrls = new PublicUrls(webhook, sandbox);
    this.hasPublicBaseUrl = webhook.publicBaseUrl() != null && !webhook.publicBaseUrl().isBlank();
  }

  @Override
  public Channel channel() {
    return Channel.WHATSAPP;
  }

  @Override
  public boolean live() {
    return properties.live();
  }

  /**
   * A customer's message as Twilio posts it to the webhook (form fields of
   * https://www.twilio.com/docs/messaging/guides/webhook-request, with {@code ButtonPayload} /
   * {@code ListId} for a tapped button or list item), signed with the auth token the way
   * https://www.twilio.com/docs/usage/security#validating-requests describes.
   */
  @Override
  public SimulatedWebhook simulate(CustomerAction action) {
    String customer = simulatedPhone(action.customerId());
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
    form.put("AccountSid", live() ? properties.accountSid() : "ACsandbox");
    form.put("From", WHATSAPP_PREFIX + customer);
    form.put("To", WHATSAPP_PREFIX + properties.phoneNumber());
    form.put("Body", action.text());
    form.put("NumMedia", "0");
    form.put("ProfileName", action.name() == null || action.name().isBlank() ? "" : action.name());
    form.put("WaId", customer.substring(1));
    switch (action.kind()) {
      case QUICK_REPLY, BUTTON -> {
        form.put("ButtonPayload", action.payload());
        form.put("ButtonText", action.text());
      }
      case LIST_ITEM -> {
        form.put("ListId", action.payload());
        form.put("ListTitle", action.text());
      }
      case TEXT -> {}
    }
    String url =
        properties.configuredUrl(WEBHOOK_PATH).orElseGet(() -> publicUrls.of(WEBHOOK_PATH));
    StringBuilder signed = new StringBuilder(url);
    new TreeMap<>(form).forEach((name, value) -> signed.append(name).append(value));
    String signature =
        Base64.getEncoder()
            .encodeToString(
                Hmac.sha1(
                    properties.authToken(), signed.toString().getBytes(StandardCharsets.UTF_8)));
    StringBuilder body = new StringBuilder();
    form.forEach(
        (name, value) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return new SimulatedWebhook(
        WEBHOOK_PATH,
        Map.of("Content-Type", "application/x-www-form-urlencoded", SIGNATURE_HEADER, signature),
        body.toString().getBytes(StandardCharsets.UTF_8),
        simulatedCustomer(customer));
  }

  @Override
  public SimulatedWebhook.Customer simulatedCustomer(String customerId) {
    String phone = simulatedPhone(customerId);
    return new SimulatedWebhook.Customer(
        CanonicalMessage.conversationId(Channel.WHATSAPP, properties.phoneNumber(), phone),
        WHATSAPP_PREFIX + phone);
  }

  /** The Content API templates configured, by SID, with their use. */
  @Override
  public Map<String, String> contentTemplates() {
    Map<String, String> bySid = new LinkedHashMap<>();
    properties.contentSids().forEach((use, sid) -> bySid.put(sid, use));
    return bySid;
  }

  private static String simulatedPhone(String customerId) {
    String phone = customerId.strip();
    if (phone.startsWith(WHATSAPP_PREFIX)) {
      phone = phone.substring(WHATSAPP_PREFIX.length());
    }
    if (!WHATSAPP_ADDRESS.matcher(WHATSAPP_PREFIX + phone).matches()) {
      throw new IllegalArgumentException(
          "a WhatsApp customer is an E.164 phone number such as +5511987654321");
    }
    return phone;
  }

  @Override
  protected boolean sandboxActive() {
    return sandbox.active();
  }

  @Override
  public ChannelCapabilities capabilities() {
    return capabilities;
  }

  /** Twilio's API host (Basic auth, 404 retried while the media propagates) and its CDN. */
  @Override
  public InboundMedia.Source mediaSource() {
    String twilioApi = URI.create(properties.apiBaseUrl()).getAuthority();
    return new InboundMedia.Source(
        List.of("api.twilio.com", ".twilio.com", twilioApi),
        List.of(".twiliocdn.com", ".amazonaws.com"),
        live() ? properties.accountSid() + ":" + properties.authToken() : null,
        3);
  }

  /** The uses with an approved content template (Content SID) configured. */
  @Override
  public Set<String> templateUses() {
    return properties.contentSids().keySet();
  }

  @Override
  public String sendTarget() {
    return live() ? properties.apiBaseUrl() : sandbox.baseUrl() + "/twilio (sandbox)";
  }

  @Override
  protected void verify(WebhookRequest request) {
    String signature = request.header(SIGNATURE_HEADER);
    if (signature == null || signature.isBlank()) {
      throw WebhookRejectedException.forbidden("missing " + SIGNATURE_HEADER);
    }
    // Twilio signs the URL configured in its console; behind a proxy that is not this request's.
    String signedUrl =
        properties.configuredUrl(URI.create(request.url()).getPath()).orElse(request.url());
    if (!validator.validate(signedUrl, TwilioForm.parse(request.bodyText()), signature)) {
      throw WebhookRejectedException.forbidden(
          SIGNATURE_HEADER
              + " does not match "
              + signedUrl
              + " (is PUBLIC_BASE_URL, TWILIO_WEBHOOK_URL or TWILIO_STATUS_CALLBACK_URL right?)");
    }
  }

  @Override
  protected List<CanonicalMessage> toCanonical(WebhookRequest request) {
    Map<String, String> form = TwilioForm.parse(request.bodyText());
    String messageSid = form.getOrDefault("MessageSid", form.get("SmsMessageSid"));
    String from = form.get("From");
    String to = form.get("To");
    if (blank(messageSid) || blank(from) || blank(to)) {
      throw WebhookRejectedException.malformed("MessageSid, From and To are required");
    }
    if (!MESSAGE_SID.matcher(messageSid).matches()) {
      throw WebhookRejectedException.malformed("MessageSid is not a Twilio SID (34 characters)");
    }
    if (!WHATSAPP_ADDRESS.matcher(from).matches() || !WHATSAPP_ADDRESS.matcher(to).matches()) {
      throw WebhookRejectedException.malformed(
          "From and To must be WhatsApp addresses, whatsapp:+ and an E.164 number");
    }
    String waId = form.get("WaId");
    if (!blank(waId) && !waId.matches("\\d{1,15}")) {
      throw WebhookRejectedException.malformed("WaId is not a phone number's digits");
    }
    String status = form.get("MessageStatus");
    if (!blank(status) && !"received".equals(status) && !"receiving".equals(status)) {
      return List.of(statusReport(form, messageSid, status));
    }
    String customerPhone = phone(from);
    String businessPhone = phone(to);

    MessageKind kind;
    String text = form.get("Body");
    String payload = null;
    List<Attachment> attachments = new ArrayList<>();
    int media = mediaCount(form.get("NumMedia"));
    for (int i = 0; i < media; i++) {
      attachments.add(
          new Attachment("media", form.get("MediaUrl" + i), form.get("MediaContentType" + i)));
    }
    if (!blank(form.get("ButtonPayload"))) {
      kind = MessageKind.CHOICE;
      payload = form.get("ButtonPayload");
      text = form.get("ButtonText");
    } else if (!blank(form.get("ListId"))) {
      kind = MessageKind.CHOICE;
      payload = form.get("ListId");
      text = form.get("ListTitle");
    } else if (!blank(form.get("Latitude"))) {
      kind = MessageKind.LOCATION;
      attachments.add(
          new Attachment("location", null, form.get("Latitude") + "," + form.get("Longitude")));
    } else if (!blank(text)) {
      kind = MessageKind.TEXT;
    } else if (!attachments.isEmpty()) {
      kind = MessageKind.MEDIA;
    } else {
      kind = MessageKind.UNKNOWN;
    }
    if (blank(text)) {
      text = null;
    }
    Referral referral =
        blank(form.get("ReferralSourceId")) && blank(form.get("ReferralCtwaClid"))
            ? null
            : new Referral(
                form.get("ReferralSourceType"),
                null,
                null,
                form.get("ReferralSourceId"),
                form.get("ReferralCtwaClid"),
                form.get("ReferralSourceUrl"));
    Sender sender =
        new Sender(from, form.get("ProfileName"), blank(waId) ? customerPhone : "+" + waId);
    return List.of(
        new CanonicalMessage(
            CanonicalMessage.SCHEMA_VERSION,
            messageSid,
            Channel.WHATSAPP,
            CanonicalMessage.conversationId(Channel.WHATSAPP, businessPhone, customerPhone),
            businessPhone,
            sender,
            kind,
            text,
            payload,
            attachments,
            referral,
            List.of(),
            0));
  }

  /**
   * A status callback for a message we sent
   * (https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks):
   * From is our number and To the customer, so it joins the customer's conversation (and its FIFO
   * group) behind the send it reports on. Failures carry Twilio's {@code ErrorCode}.
   */
  private static CanonicalMessage statusReport(
      Map<String, String> form, String messageSid, String status) {
    String businessPhone = phone(form.get("From"));
    String customerPhone = phone(form.get("To"));
    MessageKind kind =
        switch (status) {
          case "delivered" -> MessageKind.DELIVERY;
          case "read" -> MessageKind.READ;
          case "failed", "undelivered" -> MessageKind.FAILED;
          default -> MessageKind.UNKNOWN; // queued, sending, sent, …: nothing to record
        };
    String errorCode = blank(form.get("ErrorCode")) ? null : form.get("ErrorCode").trim();
    return new CanonicalMessage(
        CanonicalMessage.SCHEMA_VERSION,
        messageSid + ":" + status,
        Channel.WHATSAPP,
        CanonicalMessage.conversationId(Channel.WHATSAPP, businessPhone, customerPhone),
        businessPhone,
        new Sender(form.get("To"), null, customerPhone),
        kind,
        kind == MessageKind.FAILED ? "Twilio error " + TwilioErrors.describe(errorCode) : null,
        kind == MessageKind.FAILED ? errorCode : null,
        List.of(),
        null,
        List.of(messageSid),
        0);
  }

  /**
   * The Messages API requests for one outbox reply, in order (several when the text is long), each
   * as its form parameters: choices as Content API quick-reply buttons or list pickers when those
   * templates are configured, as numbered text otherwise; a notification outside the window as its
   * approved template, as the send policy decided
   * (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource).
   */
  public List<Map<String, String>> render(
      @Body OutboundReply reply, @ExchangeProperty(SendDecision.PROPERTY) SendDecision decision) {
    String to = reply.recipientId();
    String from = WHATSAPP_PREFIX + reply.businessId();
    List<Map<String, String>> messages = new ArrayList<>();
    if (reply.part() instanceof TemplatePart part && decision != null && decision.asTemplate()) {
      messages.add(content(to, from, contentSid(part.template()), numbered(part.variables())));
    } else if (reply.part() instanceof TemplatePart part) {
      texts(part.text()).forEach(text -> messages.add(text(to, from, text)));
    } else if (reply.part() instanceof TextPart part) {
      texts(part.text()).forEach(text -> messages.add(text(to, from, text)));
    } else if (reply.part() instanceof ChoicesPart part) {
      content
          .choices(part)
          .ifPresentOrElse(
              call -> messages.add(content(to, from, call.contentSid(), call.variables())),
              () ->
                  texts(NumberedChoices.text(part))
                      .forEach(text -> messages.add(text(to, from, text))));
    } else if (reply.part() instanceof CardsPart part) {
      // WhatsApp has no carousel: the conversation pages cards only where cards exist.
      texts(NumberedChoices.text(part)).forEach(text -> messages.add(text(to, from, text)));
    } else if (reply.part() instanceof ImagePart part) {
      Map<String, String> image = message(to, from);
      image.put("MediaUrl", part.url());
      if (part.caption() != null && !part.caption().isBlank()) {
        image.put("Body", TextSplitter.truncate(part.caption(), capabilities.maxTextChars()));
      }
      messages.add(image);
    }
    String statusCallback = statusCallbackUrl();
    if (statusCallback != null) {
      messages.forEach(message -> message.put("StatusCallback", statusCallback));
    }
    return messages;
  }

  /**
   * A campaign message: its approved content template with the variables, from the business number
   * to the customer (https://www.twilio.com/docs/messaging/api/message-resource: {@code
   * ContentSid}, {@code ContentVariables} as JSON, {@code whatsapp:+E164} addresses), with the
   * status callback so deliveries and reads come back.
   */
  public Map<String, String> renderCampaign(@Body CampaignMessage campaign) {
    Map<String, String> message =
        content(
            WHATSAPP_PREFIX + campaign.phone(),
            WHATSAPP_PREFIX + properties.phoneNumber(),
            campaign.contentSid(),
            campaign.variables());
    String statusCallback = statusCallbackUrl();
    if (statusCallback != null) {
      message.put("StatusCallback", statusCallback);
    }
    return message;
  }

  /**
   * Turns one rendered message into a Messages API call: the form body, Basic auth with the
   * account's credentials, only the headers the API needs, and the URL (Twilio's, or the sandbox's)
   * in the {@value #SEND_API_URL} property.
   */
  public void prepareSendApiCall(Exchange exchange) {
    Message message = exchange.getMessage();
    @SuppressWarnings("unchecked")
    Map<String, String> form = message.getBody(Map.class);
    // Camel's own headers stay (the HTTP producer never sends them).
    message.removeHeaders("*", "Camel*");
    message.setHeader(Exchange.HTTP_METHOD, "POST");
    message.setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
    String accountSid = live() ? properties.accountSid() : "ACsandbox";
    message.setHeader(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (accountSid + ":" + properties.authToken()).getBytes(StandardCharsets.UTF_8)));
    message.setHeader("Accept", "application/json");
    message.setBody(TwilioForm.encode(form));
    String base = live() ? properties.apiBaseUrl() : sandbox.baseUrl() + "/twilio";
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    exchange.setProperty(
        SEND_API_URL, base + "/2010-04-01/Accounts/" + accountSid + "/Messages.json");
  }

  /**
   * Reads the Messages API answer: the message SID on success, Twilio's refusal with its error code
   * in words otherwise (e.g. 63016 outside the 24-hour window, 21617 too long); throws {@link
   * TransientSendException} for 408/429/5xx so the call is retried
   * (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions).
   */
  public SendOutcome checkSendApiAnswer(
      @Header(Exchange.HTTP_RESPONSE_CODE) Integer status, @Body String body, Message message) {
    // The credentials and Twilio's response headers stay out of the rest of the reply's exchange.
    message.removeHeaders("*", "Camel*");
    int code = status == null ? 0 : status;
    JsonNode answer = SendOutcomes.json(body);
    if (code >= 200 && code < 300) {
      return SendOutcome.sent(answer.path("sid").asText(""));
    }
    String error = answer.hasNonNull("code") ? answer.path("code").asText() : null;
    return SendOutcomes.refusalOrRetry(
        code,
        error,
        "Twilio answered "
            + code
            + ", error "
            + TwilioErrors.describe(error)
            + ": "
            + answer.path("message").asText(body));
  }

  /** Aggregates the outcomes of one reply's requests (the reply route's split). */
  public SendOutcome combineOutcomes(SendOutcome earlier, SendOutcome later) {
    return SendOutcome.combine(earlier, later);
  }

  /**
   * Where Twilio posts the status of what we send (signed like every Twilio webhook), or null when
   * callbacks are off.
   */
  String statusCallbackUrl() {
    if (!properties.statusCallbacks()) {
      return null;
    }
    Optional<String> configured = properties.configuredUrl(STATUS_PATH);
    if (configured.isPresent()) {
      return configured.get();
    }
    if (live() && !hasPublicBaseUrl) {
      return null; // Twilio refuses a callback URL without a public host name (error 21609)
    }
    return publicUrls.of(STATUS_PATH);
  }

  private static Map<String, String> message(String to, String from) {
    Map<String, String> message = new LinkedHashMap<>();
    message.put("To", to);
    message.put("From", from);
    return message;
  }

  private static Map<String, String> text(String to, String from, String text) {
    Map<String, String> message = message(to, from);
    message.put("Body", text);
    return message;
  }

  private static Map<String, String> content(
      String to, String from, String contentSid, Map<String, String> variables) {
    // "Remove Body and MediaUrl when you send a content template" (Twilio error 63016).
    Map<String, String> message = message(to, from);
    message.put("ContentSid", contentSid);
    if (!variables.isEmpty()) {
      message.put("ContentVariables", WhatsAppContent.json(variables));
    }
    return message;
  }

  private String contentSid(String use) {
    return properties
        .contentSid(use)
        .orElseThrow(
            () -> new IllegalStateException("No content template configured for '" + use + "'"));
  }

  private static Map<String, String> numbered(List<String> values) {
    Map<String, String> variables = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      variables.put(Integer.toString(i + 1), values.get(i));
    }
    return variables;
  }

  private List<String> texts(String text) {
    return TextSplitter.split(text, capabilities.maxTextChars(), 0);
  }

  private static String phone(String address) {
    return address.startsWith(WHATSAPP_PREFIX)
        ? address.substring(WHATSAPP_PREFIX.length())
        : address;
  }

  /**
   * NumMedia: 0 to 10, the most media one message carries (MediaUrl0…MediaUrl9; "you can include up
   * to 10 media files", https://www.twilio.com/docs/messaging/api/message-resource).
   */
  private static int mediaCount(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    String digits = value.trim();
    if (!digits.matches("\\d{1,2}") || Integer.parseInt(digits) > MAX_MEDIA) {
      throw WebhookRejectedException.malformed("NumMedia must be a number from 0 to " + MAX_MEDIA);
    }
    return Integer.parseInt(digits);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
