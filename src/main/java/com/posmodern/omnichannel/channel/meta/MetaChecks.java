package com.posmodern.omnichannel.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.validation.ChannelChecks;
import com.posmodern.omnichannel.validation.OmnichannelValidator.Outcome;
import com.posmodern.omnichannel.validation.Probe;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The validator's checks of a Meta channel: the token ({@code GET /me}), the app's webhook
 * subscription ({@code GET /{id}/subscribed_apps}), and, through this app's own routes, the
 * verify-token handshake and the {@code X-Hub-Signature-256} check. Messenger and Instagram say
 * what differs in an {@link Account}.
 */
public final class MetaChecks implements ChannelChecks {

  /**
   * What differs between the Meta channels.
   *
   * @param live whether the channel talks to the real platform
   * @param liveBaseUrl the Graph API host of the live channel
   * @param tokenInQuery whether the token goes as the {@code access_token} query parameter (else as
   *     a bearer)
   * @param webhookObject the {@code object} of the channel's webhooks
   * @param subscribedAccount the account whose subscription is checked; null when it must be
   *     configured and is not
   * @param missingAccount what a live channel without that account is told
   * @param businessId the business id the signature check's event is addressed to
   * @param sandboxBusinessId a made-up business id for the sandbox round trip
   * @param variables the environment names of the token, app secret and verify token
   * @param tokenKind what kind of token the channel uses, for remediation hints
   * @param accountKind what kind of account subscribes, for remediation hints
   */
  public record Account(
      Channel channel,
      BooleanSupplier live,
      String liveBaseUrl,
      boolean tokenInQuery,
      String accessToken,
      String appSecret,
      String verifyToken,
      String webhookObject,
      String subscribedAccount,
      Outcome missingAccount,
      String businessId,
      String sandboxBusinessId,
      List<String> variables,
      String tokenKind,
      String accountKind) {}

  private final Account account;
  private final GraphApiProperties graph;
  private final SandboxLocation local;
  private final Clock clock;

  public MetaChecks(Account account, GraphApiProperties graph, SandboxLocation local, Clock clock) {
    this.account = account;
    this.graph = graph;
    this.local = local;
    this.clock = clock;
  }

  @Override
  public Channel channel() {
    return account.channel();
  }

  @Override
  public boolean live() {
    return account.live().getAsBoolean();
  }

  @Override
  public List<NamedCheck> checks(Probe probe, String runId) {
    return List.of(
        new NamedCheck("token", () -> token(probe)),
        new NamedCheck("subscription", () -> subscription(probe)),
        new NamedCheck("verify-handshake", () -> handshake(probe, runId)),
        new NamedCheck("webhook-signature", () -> signature(probe, runId)));
  }

  @Override
  public Greeting greet(Probe probe, String runId) {
    String digits = String.format("%08d", Math.abs((long) runId.hashCode()) % 100_000_000L);
    String customer = "9" + digits; // Meta's ids are digits
    // unique per channel: the queue and the chatbot take a message id once
    String mid = "m_validator_" + channel().id() + "_" + runId;
    String business = account.sandboxBusinessId();
    long now = clock.millis();
    String body =
        ("{\"object\":\"%s\",\"entry\":[{\"id\":\"%s\",\"time\":%d,\"messaging\":[{\"sender\":{\"id\":\"%s\"},"
                + "\"recipient\":{\"id\":\"%s\"},\"timestamp\":%d,\"message\":{\"mid\":\"%s\",\"text\":\"oi\"}}]}]}")
            .formatted(account.webhookObject(), business, now, customer, business, now, mid);
    Probe.Answer sent = post(probe, account.appSecret(), body);
    return new Greeting(sent, List.of(customer));
  }

  private Probe.Answer get(Probe probe, String path) {
    String token = live() ? account.accessToken() : "sandbox";
    String base = live() ? account.liveBaseUrl() : local.baseUrl() + "/" + channel().id();
    String url = base + "/" + graph.version() + path;
    return account.tokenInQuery()
        ? probe.get(
            url + (path.contains("?") ? "&" : "?") + "access_token=" + Probe.encode(token),
            Map.of())
        : probe.get(url, Map.of("Authorization", "Bearer " + token));
  }

  private Probe.Answer post(Probe probe, String secret, String body) {
    return probe.post(
        local.serverUrl() + "/webhooks/" + channel().id(),
        Map.of(
            "Content-Type",
            "application/json",
            MetaSignature.HEADER,
            MetaSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8))),
        body);
  }

  private Outcome token(Probe probe) {
    Probe.Answer answer = get(probe, "/me?fields=id,name");
    JsonNode me = answer.json();
    if (answer.ok() && me.hasNonNull("id")) {
      return Outcome.pass(
          (live() ? "" : "sandbox: ")
              + "token accepted for "
              + me.path("name").asText("?")
              + " ("
              + me.path("id").asText()
              + ")");
    }
    return Outcome.fail(
        "GET /me answered " + answer.describe(),
        "the Graph API refused "
            + account.variables().get(0)
            + ": generate a new token in the Meta app dashboard ("
            + account.tokenKind()
            + ")");
  }

  private Outcome subscription(Probe probe) {
    String id = account.subscribedAccount();
    if (id == null) {
      if (live()) {
        return account.missingAccount();
      }
      id = "sandbox-page";
    }
    Probe.Answer answer = get(probe, "/" + id + "/subscribed_apps");
    JsonNode data = answer.json().path("data");
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
        "GET /" + id + "/subscribed_apps answered " + answer.describe(),
        "subscribe the app to the "
            + account.accountKind()
            + ": POST /"
            + id
            + "/subscribed_apps?subscribed_fields=messages,messaging_postbacks");
  }

  private Outcome handshake(Probe probe, String runId) {
    String challenge = Long.toString(Math.abs((long) runId.hashCode()) + 1000);
    String base =
        local.serverUrl()
            + "/webhooks/"
            + channel().id()
            + "?hub.mode=subscribe&hub.challenge="
            + challenge;
    Probe.Answer right =
        probe.get(base + "&hub.verify_token=" + Probe.encode(account.verifyToken()), Map.of());
    Probe.Answer wrong = probe.get(base + "&hub.verify_token=forged-" + runId, Map.of());
    if (right.ok() && challenge.equals(right.body().strip()) && wrong.status() == 403) {
      return Outcome.pass("challenge echoed with the verify token, refused (403) without it");
    }
    return Outcome.fail(
        "with the token: " + right.describe() + "; with a wrong one: " + wrong.describe(),
        "check the " + channel().id() + "-webhook-verify route and " + account.variables().get(2));
  }

  private Outcome signature(Probe probe, String runId) {
    String business = account.businessId();
    long now = clock.millis();
    // A read receipt: accepted and queued like any event, never answered.
    String body =
        ("{\"object\":\"%s\",\"entry\":[{\"id\":\"%s\",\"time\":%d,\"messaging\":[{\"sender\":{\"id\":\"8%s\"},"
                + "\"recipient\":{\"id\":\"%s\"},\"timestamp\":%d,\"read\":{\"watermark\":%d}}]}]}")
            .formatted(
                account.webhookObject(),
                business,
                now,
                String.format("%08d", Math.abs((long) runId.hashCode()) % 100_000_000L),
                business,
                now,
                now);
    Probe.Answer signed = post(probe, account.appSecret(), body);
    Probe.Answer forged = post(probe, "forged-" + runId, body);
    if (signed.ok() && forged.status() == 403) {
      return Outcome.pass(
          "signed event accepted (" + signed.status() + "), forged one refused (403)");
    }
    return Outcome.fail(
        "signed: " + signed.describe() + ", forged: " + forged.describe(),
        "check the "
            + channel().id()
            + "-webhook route, "
            + account.variables().get(1)
            + " and the queue (health)");
  }
}
