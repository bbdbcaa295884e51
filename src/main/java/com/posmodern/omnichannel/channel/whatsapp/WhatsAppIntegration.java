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
import com.posmodern.omnichannel.canonical.reply.SendOutcome;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import com.posmodern.omnichannel.channel.BasePlatformIntegration;
import com.posmodern.omnichannel.channel.NumberedChoices;
import com.posmodern.omnichannel.channel.SendOutcomes;
import com.posmodern.omnichannel.channel.TextSplitter;
import com.posmodern.omnichannel.channel.TransientSendException;
import com.posmodern.omnichannel.channel.WebhookRejectedException;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import com.posmodern.omnichannel.platform.web.WebhookRequest;
import com.posmodern.omnichannel.sandbox.SandboxLocation;
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
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;

/**
 * The WhatsApp-through-Twilio edge: verifies {@code X-Twilio-Signature} with twilio-java's {@link
 * RequestValidator} against the public URL, maps Twilio's form post to a canonical message
 * (https://www.twilio.com/docs/messaging/guides/webhook-request), and sends replies with the
 * Messages API through twilio-java (https://www.twilio.com/docs/messaging/api/message-resource).
 */
public class WhatsAppIntegration extends BasePlatformIntegration {

  /** The header Twilio signs with. */
  public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  private static final String WHATSAPP_PREFIX = "whatsapp:";

  private final ChannelCapabilities capabilities;
  private final WhatsAppProperties properties;
  private final SandboxLocation sandbox;
  private final RequestValidator validator;
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
    String customerPhone = phone(from);
    String businessPhone = phone(to);

    MessageKind kind;
    String text = form.get("Body");
    String payload = null;
    String messageId = messageSid;
    List<String> related = new ArrayList<>();
    List<Attachment> attachments = new ArrayList<>();
    int media = parseInt(form.get("NumMedia"));
    for (int i = 0; i < media; i++) {
      attachments.add(
          new Attachment("media", form.get("MediaUrl" + i), form.get("MediaContentType" + i)));
    }
    String status = form.get("MessageStatus");
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
    } else if ("delivered".equals(status) || "read".equals(status)) {
      kind = "read".equals(status) ? MessageKind.READ : MessageKind.DELIVERY;
      related.add(messageSid);
      messageId = messageSid + ":" + status;
    } else {
      kind = MessageKind.UNKNOWN;
      messageId = status == null ? messageSid : messageSid + ":" + status;
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
            messageId,
            Channel.WHATSAPP,
            CanonicalMessage.conversationId(Channel.WHATSAPP, businessPhone, customerPhone),
            businessPhone,
            sender,
            kind,
            text,
            payload,
            attachments,
            referral,
            related,
            0));
  }

  /**
   * Sends one outbox reply through the Messages API (several messages when the text is long): the
   * SID of the last message, or Twilio's refusal with its error code (e.g. 63016 outside the
   * 24-hour window, 21617 too long).
   *
   * @throws TransientSendException for 429/5xx or when Twilio cannot be reached
   */
  public SendOutcome send(@Body OutboundReply reply) {
    PhoneNumber to = new PhoneNumber(reply.recipientId());
    PhoneNumber from = new PhoneNumber(WHATSAPP_PREFIX + reply.businessId());
    List<MessageCreator> messages = new ArrayList<>();
    if (reply.part() instanceof TextPart part) {
      texts(part.text()).forEach(text -> messages.add(Message.creator(to, from, text)));
    } else if (reply.part() instanceof ChoicesPart part) {
      texts(NumberedChoices.text(part))
          .forEach(text -> messages.add(Message.creator(to, from, text)));
    } else if (reply.part() instanceof CardsPart part) {
      texts(NumberedChoices.text(part))
          .forEach(text -> messages.add(Message.creator(to, from, text)));
    } else if (reply.part() instanceof ImagePart part) {
      MessageCreator image = Message.creator(to, from, List.of(URI.create(part.url())));
      if (part.caption() != null && !part.caption().isBlank()) {
        image.setBody(TextSplitter.truncate(part.caption(), capabilities.maxTextChars()));
      }
      messages.add(image);
    }
    SendOutcome outcome = null;
    for (MessageCreator message : messages) {
      outcome = SendOutcome.combine(outcome, create(message));
      if (!outcome.sent()) {
        break;
      }
    }
    return outcome;
  }

  private SendOutcome create(MessageCreator message) {
    try {
      return SendOutcome.sent(message.create(client()).getSid());
    } catch (ApiException e) {
      int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
      if (status == 0) {
        throw TransientSendException.unreachable("Twilio unreachable: " + e.getMessage(), e);
      }
      return SendOutcomes.refusalOrRetry(
          status,
          e.getCode() == null ? null : e.getCode().toString(),
          "Twilio answered " + status + " (error " + e.getCode() + "): " + e.getMessage());
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
