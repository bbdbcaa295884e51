package com.posmodern.omnichannel.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.platform.web.PublicUrls;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.validation.ChannelChecks;
import com.posmodern.omnichannel.validation.OmnichannelValidator.Outcome;
import com.posmodern.omnichannel.validation.Probe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The validator's checks of WhatsApp through Twilio: the account and its credentials, the sender,
 * the content templates, and the webhook signature through this app's own route.
 */
public class WhatsAppChecks implements ChannelChecks {

  private final WhatsAppProperties w;
  private final SandboxLocation local;
  private final PublicUrls publicUrls;

  public WhatsAppChecks(WhatsAppProperties properties, SandboxLocation local, PublicUrls urls) {
    this.w = properties;
    this.local = local;
    this.publicUrls = urls;
  }

  @Override
  public Channel channel() {
    return Channel.WHATSAPP;
  }

  @Override
  public boolean live() {
    return w.live();
  }

  @Override
  public List<NamedCheck> checks(Probe probe, String runId) {
    return List.of(
        new NamedCheck("configuration", this::configuration),
        new NamedCheck("credentials", () -> credentials(probe)),
        new NamedCheck("sender", this::sender),
        new NamedCheck("content-templates", () -> templates(probe)),
        new NamedCheck("webhook-signature", () -> signature(probe, runId)));
  }

  @Override
  public Greeting greet(Probe probe, String runId) {
    String digits = String.format("%08d", Math.abs((long) runId.hashCode()) % 100_000_000L);
    String customer = "+55000" + digits;
    Map<String, String> form = new TreeMap<>();
    form.put("MessageSid", "SM" + runId.replace("-", ""));
    form.put("From", "whatsapp:" + customer);
    form.put("To", "whatsapp:" + w.phoneNumber());
    form.put("Body", "oi");
    form.put("ProfileName", "Validator");
    String path = WhatsAppIntegration.WEBHOOK_PATH;
    Probe.Answer sent =
        probe.post(
            local.serverUrl() + path,
            Map.of(
                "Content-Type",
                "application/x-www-form-urlencoded",
                WhatsAppIntegration.SIGNATURE_HEADER,
                signature(w.authToken(), w.configuredUrl(path).orElse(publicUrls.of(path)), form)),
            Probe.formBody(form));
    return new Greeting(sent, List.of(customer, "whatsapp:" + customer));
  }

  private Outcome configuration() {
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

  private Outcome credentials(Probe probe) {
    String sid = w.live() ? w.accountSid() : "ACsandbox";
    String base = w.live() ? w.apiBaseUrl() : local.baseUrl() + "/twilio";
    Probe.Answer answer =
        probe.get(
            base + "/2010-04-01/Accounts/" + sid + ".json",
            Map.of("Authorization", Probe.basic(sid, w.authToken()), "Accept", "application/json"));
    if (answer.ok()) {
      JsonNode account = answer.json();
      String status = account.path("status").asText("?");
      return "active".equals(status)
          ? Outcome.pass("Twilio accepted the credentials: account " + mask(sid) + " is active")
          : Outcome.fail(
              "account " + mask(sid) + " is " + status,
              "reactivate the Twilio account or use an active one");
    }
    return Outcome.fail(
        "Twilio answered " + answer.describe() + " to the account fetch",
        answer.status() == 401
            ? "Twilio refused TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN (error 20003): copy both again from console.twilio.com"
            : "check TWILIO_API_BASE_URL and the network path to Twilio");
  }

  private Outcome sender() {
    String sender = w.phoneNumber();
    return sender != null && sender.matches("\\+[1-9]\\d{7,14}")
        ? Outcome.pass("sender " + sender)
        : Outcome.fail(
            "TWILIO_PHONE_NUMBER is '" + sender + "'",
            "set TWILIO_PHONE_NUMBER to the WhatsApp sender in E.164, e.g. +5511999990000");
  }

  private Outcome templates(Probe probe) {
    Map<String, String> sids = w.contentSids();
    if (sids.isEmpty()) {
      return Outcome.pass(
          "no content templates configured: choices go as numbered text, nothing is sent outside the 24-hour window");
    }
    if (!w.live()) {
      return Outcome.skipped(
          sids.size() + " template(s) configured; the sandbox has no Content API");
    }
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> use : new TreeMap<>(sids).entrySet()) {
      Probe.Answer answer =
          probe.get(
              w.contentBaseUrl() + "/v1/Content/" + use.getValue(),
              Map.of("Authorization", Probe.basic(w.accountSid(), w.authToken())));
      if (!answer.ok()) {
        missing.add(use.getKey() + "=" + use.getValue() + " (" + answer.describe() + ")");
      }
    }
    return missing.isEmpty()
        ? Outcome.pass(sids.size() + " content template(s) resolve in the Content API")
        : Outcome.fail(
            "not found: " + String.join(", ", missing),
            "run POST /api/operator/whatsapp/content-setup, or fix omnichannel.whatsapp.content-sids");
  }

  private Outcome signature(Probe probe, String runId) {
    String path = WhatsAppIntegration.STATUS_PATH;
    Map<String, String> form = new TreeMap<>();
    // A Twilio-shaped SID (34 characters), not the round trip's.
    form.put("MessageSid", "SM" + new StringBuilder(runId.replace("-", "")).reverse());
    form.put("MessageStatus", "delivered");
    form.put("AccountSid", w.live() ? w.accountSid() : "ACsandbox");
    form.put("From", "whatsapp:" + w.phoneNumber());
    form.put("To", "whatsapp:+5500000000000");
    String url = w.configuredUrl(path).orElse(publicUrls.of(path));
    String body = Probe.formBody(form);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    headers.put(WhatsAppIntegration.SIGNATURE_HEADER, signature(w.authToken(), url, form));
    Probe.Answer signed = probe.post(local.serverUrl() + path, headers, body);
    headers.put(WhatsAppIntegration.SIGNATURE_HEADER, signature("forged-" + runId, url, form));
    Probe.Answer forged = probe.post(local.serverUrl() + path, headers, body);
    if (signed.ok() && forged.status() == 403) {
      return Outcome.pass(
          "signed status callback accepted (" + signed.status() + "), forged one refused (403)");
    }
    return Outcome.fail(
        "signed: " + signed.describe() + ", forged: " + forged.describe(),
        signed.status() == 403
            ? "the app signs against " + url + ": set PUBLIC_BASE_URL to the URL Twilio calls"
            : "check the whatsapp-status-webhook route and the queue (health)");
  }

  /**
   * Twilio's request signature: HMAC-SHA1 of the URL followed by each form key and value in key
   * order, Base64 (https://www.twilio.com/docs/usage/webhooks/webhooks-security).
   */
  static String signature(String authToken, String url, Map<String, String> form) {
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

  private static String mask(String id) {
    return id == null || id.length() < 8
        ? "***"
        : id.substring(0, 2) + "…" + id.substring(id.length() - 4);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
