package com.posmodern.omnichannel.channel.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import com.posmodern.omnichannel.canonical.reply.SendOutcome;
import com.posmodern.omnichannel.channel.BasePlatformIntegration;
import com.posmodern.omnichannel.channel.CustomerAction;
import com.posmodern.omnichannel.channel.InboundMedia;
import com.posmodern.omnichannel.channel.SendOutcomes;
import com.posmodern.omnichannel.channel.SimulatedWebhook;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;

/**
 * What Messenger and Instagram share: the verify-token handshake, the {@code X-Hub-Signature-256}
 * check, the webhook mapping and the Send API request/answer handling. The {@code
 * <channel>-webhook} and {@code <channel>-reply} routes call these methods; the HTTP call itself is
 * the route's Camel {@code http} step.
 */
public abstract class MetaIntegration extends BasePlatformIntegration {

  /** Exchange property holding the Send API URL the reply route posts to. */
  public static final String SEND_API_URL = "sendApiUrl";

  /**
   * Meta escapes non-ASCII characters in webhook bodies as lower-case {@code \\u} sequences; the
   * simulator's bodies do too.
   */
  private static final ObjectMapper SIMULATED_JSON =
      JsonMapper.builder()
          .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
          .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
          .build();

  private final Channel channel;
  private final String webhookObject;
  private final ChannelCapabilities capabilities;
  private final MetaWebhookMapper mapper;
  private final MetaMessageRenderer renderer;
  private final GraphApiProperties graph;
  private final SandboxLocation sandbox;

  /**
   * @param webhookObject the {@code object} of this channel's webhooks ({@code page}, {@code
   *     instagram})
   * @param messagingType whether Send API bodies carry {@code messaging_type: RESPONSE}
   */
  protected MetaIntegration(
      Channel channel,
      ChannelCapabilities capabilities,
      String webhookObject,
      boolean messagingType,
      String publicBaseUrl,
      GraphApiProperties graph,
      SandboxLocation sandbox) {
    super(publicBaseUrl);
    this.channel = channel;
    this.capabilities = capabilities;
    this.webhookObject = webhookObject;
    this.mapper = new MetaWebhookMapper(channel, webhookObject);
    this.renderer = new MetaMessageRenderer(capabilities, messagingType);
    this.graph = graph;
    this.sandbox = sandbox;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  protected boolean sandboxActive() {
    return sandbox.active();
  }

  @Override
  public ChannelCapabilities capabilities() {
    return capabilities;
  }

  /** Meta's attachment URLs: signed CDN links, fetched as they are. */
  @Override
  public InboundMedia.Source mediaSource() {
    return new InboundMedia.Source(
        List.of(".fbsbx.com", ".fbcdn.net", ".cdninstagram.com"), List.of(), null, 0);
  }

  /**
   * The Page or Instagram account the simulator's webhooks come to (configured, or a sample id).
   */
  protected abstract String simulatedBusinessId();

  /**
   * A customer's message as Meta posts it
   * (https://developers.facebook.com/docs/messenger-platform/webhooks): typed text and a quick
   * reply as {@code message} (with {@code quick_reply.payload}), a tapped button as {@code
   * postback}; non-ASCII escaped as Meta escapes it, and signed over those bytes with the app
   * secret ({@code X-Hub-Signature-256}).
   */
  @Override
  public SimulatedWebhook simulate(CustomerAction action) {
    SimulatedWebhook.Customer simulated = simulatedCustomer(action.customerId());
    String customer = action.customerId();
    String business = simulatedBusinessId();
    long now = System.currentTimeMillis();
    ObjectNode body = SIMULATED_JSON.createObjectNode();
    body.put("object", webhookObject);
    ObjectNode entry = body.putArray("entry").addObject();
    entry.put("id", business).put("time", now);
    ObjectNode item = entry.putArray("messaging").addObject();
    item.putObject("sender").put("id", customer);
    item.putObject("recipient").put("id", business);
    item.put("timestamp", now);
    String mid = "m_" + UUID.randomUUID().toString().replace("-", "");
    if (action.kind() == CustomerAction.Kind.TEXT
        || action.kind() == CustomerAction.Kind.QUICK_REPLY) {
      ObjectNode message = item.putObject("message").put("mid", mid).put("text", action.text());
      if (action.kind() == CustomerAction.Kind.QUICK_REPLY) {
        message.putObject("quick_reply").put("payload", action.payload());
      }
    } else {
      item.putObject("postback")
          .put("mid", mid)
          .put("title", action.text())
          .put("payload", action.payload());
    }
    byte[] bytes;
    try {
      bytes = SIMULATED_JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new SimulatedWebhook(
        "/webhooks/" + channel.id(),
        Map.of(
            "Content-Type",
            "application/json",
            MetaSignature.HEADER,
            MetaSignature.sign(appSecret(), bytes)),
        bytes,
        simulated);
  }

  @Override
  public SimulatedWebhook.Customer simulatedCustomer(String customerId) {
    String customer = customerId.strip();
    if (!customer.matches("[0-9]{5,32}")) {
      throw new IllegalArgumentException(
          "a " + channel.id() + " customer is a numeric scoped id such as 900000000000002");
    }
    return new SimulatedWebhook.Customer(
        CanonicalMessage.conversationId(channel, simulatedBusinessId(), customer), customer);
  }

  /** The app secret that signs this channel's webhooks. */
  protected abstract String appSecret();

  /** The Meta app secret of this channel, which also signs Meta's data-deletion requests. */
  public final String signingSecret() {
    return appSecret();
  }

  /** The token configured in the app dashboard for the handshake. */
  protected abstract String verifyToken();

  /** The path of the Send API under the base URL and version, e.g. {@code /me/messages}. */
  protected abstract String sendPath();

  /** The live base URL of this channel's Send API. */
  protected abstract String liveBaseUrl();

  /** Adds the access token to the request the way this channel's API documents it. */
  protected abstract void authorize(Message request);

  /** Answers the subscription handshake: returns {@code hub.challenge}, or rejects with 403. */
  public String verifySubscription(
      @Header("hub.mode") String mode,
      @Header("hub.verify_token") String token,
      @Header("hub.challenge") String challenge) {
    requireOn();
    return MetaSubscription.verify(mode, token, challenge, verifyToken());
  }

  @Override
  protected void verify(WebhookRequest request) {
    MetaSignature.verify(appSecret(), request.body(), request.header(MetaSignature.HEADER));
  }

  @Override
  protected List<CanonicalMessage> toCanonical(WebhookRequest request) {
    return mapper.map(request.body());
  }

  /** The Send API bodies for one outbox reply, in order. */
  public List<String> render(@Body OutboundReply reply) {
    return renderer.render(reply.recipientId(), reply.part(), reply.humanAgent());
  }

  /**
   * Turns the message into one Send API call: only the headers the API needs (no inbound
   * attributes), the access token added, the URL (live API or sandbox) in the {@value
   * #SEND_API_URL} property.
   */
  public void prepareSendApiCall(Exchange exchange) {
    Message message = exchange.getMessage();
    // Camel's own headers stay (the HTTP producer never sends them; the SQS consumer needs its
    // receipt handle).
    message.removeHeaders("*", "Camel*");
    message.setHeader(Exchange.HTTP_METHOD, "POST");
    message.setHeader(Exchange.CONTENT_TYPE, "application/json");
    authorize(message);
    String base = live() ? liveBaseUrl() : sandbox.baseUrl() + "/" + channel().id();
    exchange.setProperty(SEND_API_URL, base + "/" + graph.version() + sendPath());
  }

  /**
   * Reads the Send API answer: the platform's message id on success, a refusal with Graph's error
   * code for 4xx; throws {@link com.posmodern.omnichannel.channel.TransientSendException} for
   * 429/5xx so the call is retried.
   */
  public SendOutcome checkSendApiAnswer(
      @Header(Exchange.HTTP_RESPONSE_CODE) Integer status, @Body String body, Message message) {
    // The token and the API's response headers stay out of the rest of the reply's exchange.
    message.removeHeaders("*", "Camel*");
    int code = status == null ? 0 : status;
    JsonNode answer = SendOutcomes.json(body);
    if (code >= 200 && code < 300) {
      return SendOutcome.sent(answer.path("message_id").asText(""));
    }
    JsonNode error = answer.path("error");
    return SendOutcomes.refusalOrRetry(
        code,
        error.hasNonNull("code") ? error.path("code").asText() : null,
        channel().id() + " Send API answered " + code + ": " + error.path("message").asText(body));
  }

  /**
   * Aggregates the outcomes of one reply's requests (the reply route's split): the first refusal
   * wins.
   */
  public SendOutcome combineOutcomes(SendOutcome earlier, SendOutcome later) {
    return SendOutcome.combine(earlier, later);
  }

  @Override
  public String sendTarget() {
    return live() ? liveBaseUrl() : sandbox.baseUrl() + "/" + channel().id() + " (sandbox)";
  }
}
