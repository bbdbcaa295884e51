package com.posmodern.omnichannel.channel.whatsapp;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * WhatsApp-through-Twilio settings, bound from {@code omnichannel.whatsapp.*} (see application.yml
 * for the environment names).
 *
 * @param accountSid Twilio account SID; absent means the channel sends to the sandbox
 * @param authToken Twilio auth token: Basic-auth password for sends and the key of
 *     X-Twilio-Signature
 * @param phoneNumber the WhatsApp sender, E.164 ({@code +14155238886}); {@code whatsapp:} is added
 *     when sending
 * @param apiBaseUrl Twilio REST base URL (the real one unless a proxy or a stub stands in)
 */
@ConfigurationProperties("omnichannel.whatsapp")
public record WhatsAppProperties(
    String accountSid, String authToken, String phoneNumber, String apiBaseUrl) {

  /** Whether real sends are configured; without an account SID the channel is sandboxed. */
  public boolean live() {
    return accountSid != null && !accountSid.isBlank();
  }

  /** The sender as Twilio addresses it on WhatsApp. */
  public String sender() {
    return phoneNumber.startsWith("whatsapp:") ? phoneNumber : "whatsapp:" + phoneNumber;
  }
}
