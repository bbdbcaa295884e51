package com.posmodern.omnichannel.channel.whatsapp;

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
import com.posmodern.omnichannel.channel.NumberedChoices;
import com.posmodern.omnichannel.channel.SendOutcomes;
import com.posmodern.omnichannel.channel.TextSplitter;
import com.posmodern.omnichannel.channel.TransientSendException;
import com.posmodern.omnichannel.platform.web.PublicUrls;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import com.posmodern.omnichannel.platform.web.WebhookRejectedException;
import com.posmodern.omnichannel.platform.web.WebhookRequest;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The WhatsApp-through-Twilio edge: verifies {@code X-Twilio-Signature} with twilio-java's {@link
 * RequestValidator} against the public URL, maps Twilio's form post to a canonical message
 * (https://www.twilio.com/docs/messaging/guides/webhook-request), and sends replies with the
 * Messages API through twilio-java (https://www.twilio.com/docs/messaging/api/message-resource).
 */
public class WhatsAppIntegration extends BasePlatformIntegration {

  /** The header Twilio signs with. */
  public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  /** Where Twilio posts delivery status callbacks (route whatsapp-status-webhook). */
  public static final String STATUS_PATH = "/webhooks/whatsapp/status";

  private static final String WHATSAPP_PREFIX = "whatsapp:";

  private final ChannelCapabilities capabilities;
  private final WhatsAppProperties properties;
  private final SandboxLocation sandbox;
  private final RequestValidator validator;
  private final WhatsAppContent content;
  private final PublicUrls publicUrls;
  private final boolean hasPublicBaseUrl;
  private volatile TwilioRestClient client;

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

  @Override
  protected boolean sandboxActive() {
    return sandbox.active();
  }

  @Override
  public ChannelCapabilities capabilities() {
    return capabilities;
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
    if (!validator.validate(request.url(), TwilioForm.parse(request.bodyText()), signature)) {
      throw WebhookRejectedException.forbidden(
          SIGNATURE_HEADER
              + " does not match "
              + request.url()
              + " (is omnichannel.webhook.public-base-url right?)");
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
    int media = parseInt(form.get("NumMedia"));
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
    String waId = form.get("WaId");
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
   * Sends one outbox reply through the Messages API (several messages when the text is long): the
   * SID of the last message, or Twilio's refusal with its error code in words (e.g. 63016 outside
   * the 24-hour window, 21617 too long). Choices go out as Content API quick-reply buttons or list
   * pickers when those templates are configured, as numbered text otherwise; a notification outside
   * the window goes out as its approved template, as the send policy decided.
   *
   * @throws TransientSendException for 429/5xx or when Twilio cannot be reached
   */
  public SendOutcome send(
      @Body OutboundReply reply, @ExchangeProperty(SendDecision.PROPERTY) SendDecision decision) {
    PhoneNumber to = new PhoneNumber(reply.recipientId());
    PhoneNumber from = new PhoneNumber(WHATSAPP_PREFIX + reply.businessId());
    List<MessageCreator> messages = new ArrayList<>();
    if (reply.part() instanceof TemplatePart part && decision != null && decision.asTemplate()) {
      messages.add(content(to, from, contentSid(part.template()), numbered(part.variables())));
    } else if (reply.part() instanceof TemplatePart part) {
      texts(part.text()).forEach(text -> messages.add(Message.creator(to, from, text)));
    } else if (reply.part() instanceof TextPart part) {
      texts(part.text()).forEach(text -> messages.add(Message.creator(to, from, text)));
    } else if (reply.part() instanceof ChoicesPart part) {
      Optional<MessageCreator> interactive = content.choices(part).map(c -> content(to, from, c));
      interactive.ifPresentOrElse(
          messages::add,
          () ->
              texts(NumberedChoices.text(part))
                  .forEach(text -> messages.add(Message.creator(to, from, text))));
    } else if (reply.part() instanceof CardsPart part) {
      // WhatsApp has no carousel: the conversation pages cards only where cards exist.
      texts(NumberedChoices.text(part))
          .forEach(text -> messages.add(Message.creator(to, from, text)));
    } else if (reply.part() instanceof ImagePart part) {
      MessageCreator image = Message.creator(to, from, List.of(URI.create(part.url())));
      if (part.caption() != null && !part.caption().isBlank()) {
        image.setBody(TextSplitter.truncate(part.caption(), capabilities.maxTextChars()));
      }
      messages.add(image);
    }
    String statusCallback = statusCallbackUrl();
    SendOutcome outcome = null;
    for (MessageCreator message : messages) {
      if (statusCallback != null) {
        message.setStatusCallback(statusCallback);
      }
      outcome = SendOutcome.combine(outcome, create(message));
      if (!outcome.sent()) {
        break;
      }
    }
    return outcome;
  }

  /**
   * Where Twilio posts the status of what we send (signed like every Twilio webhook), or null when
   * callbacks are off.
   */
  String statusCallbackUrl() {
    if (!properties.statusCallbacks() || (live() && !hasPublicBaseUrl)) {
      return null; // Twilio refuses a callback URL without a public host name (error 21609)
    }
    return publicUrls.of(STATUS_PATH);
  }

  private MessageCreator content(PhoneNumber to, PhoneNumber from, WhatsAppContent.Call call) {
    return content(to, from, call.contentSid(), call.variables());
  }

  private static MessageCreator content(
      PhoneNumber to, PhoneNumber from, String contentSid, Map<String, String> variables) {
    // "Remove Body and MediaUrl when you send a content template" (Twilio error 63016).
    MessageCreator message = new MessageCreator(to, from, (String) null).setContentSid(contentSid);
    if (!variables.isEmpty()) {
      message.setContentVariables(WhatsAppContent.json(variables));
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

  private SendOutcome create(MessageCreator message) {
    try {
      return SendOutcome.sent(message.create(client()).getSid());
    } catch (ApiException e) {
      int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
      if (status == 0) {
        throw TransientSendException.unreachable("Twilio unreachable: " + e.getMessage(), e);
      }
      String code = e.getCode() == null ? null : e.getCode().toString();
      return SendOutcomes.refusalOrRetry(
          status,
          code,
          "Twilio answered "
              + status
              + ", error "
              + TwilioErrors.describe(code)
              + ": "
              + e.getMessage());
    } catch (TwilioException e) {
      throw TransientSendException.unreachable("Twilio unreachable: " + e.getMessage(), e);
    }
  }

  private TwilioRestClient client() {
    TwilioRestClient current = client;
    if (current == null) {
      String base = live() ? properties.apiBaseUrl() : sandbox.baseUrl() + "/twilio";
      String accountSid = live() ? properties.accountSid() : "ACsandbox";
      current =
          new TwilioRestClient.Builder(accountSid, properties.authToken())
              .httpClient(new TwilioHttpClient(base, Duration.ofSeconds(5), Duration.ofSeconds(15)))
              .build();
      client = current;
    }
    return current;
  }

  private List<String> texts(String text) {
    return TextSplitter.split(text, capabilities.maxTextChars(), 0);
  }

  private static String phone(String address) {
    return address.startsWith(WHATSAPP_PREFIX)
        ? address.substring(WHATSAPP_PREFIX.length())
        : address;
  }

  private static int parseInt(String value) {
    try {
      return value == null ? 0 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw WebhookRejectedException.malformed("NumMedia is not a number");
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
