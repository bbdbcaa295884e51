package com.posmodern.omnichannel.channel.whatsapp;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * WhatsApp-through-Twilio settings, bound from {@code omnichannel.whatsapp.*} (see application.yml
 * for the environment names).
 *
 * @param accountSid Twilio account SID; absent means the channel sends to the sandbox
 * @param authToken Twilio auth token: Basic-auth password for sends and the key of
 *     X-Twilio-Signature
 * @param phoneNumber the WhatsApp sender, E.164 ({@code +5511999990000}); {@code whatsapp:} is
 *     added when sending; blank while sandboxed means Twilio's WhatsApp sandbox number
 * @param apiBaseUrl Twilio REST base URL (the real one unless a proxy or a stub stands in)
 * @param contentBaseUrl Twilio Content API base URL (where the setup creates content templates)
 * @param contentSids Content API templates by use: {@code quick-reply-1..3} and {@code
 *     list-picker-1..10} (created by the setup, see README) show choices as buttons and lists; any
 *     other key names a WhatsApp-approved template for notifications ({@code order_update}), the
 *     only thing WhatsApp takes outside the 24-hour window
 * @param statusCallbacks whether to ask Twilio for delivery status callbacks
 * @param webhookUrl the full public URL configured in Twilio for incoming messages, when a proxy
 *     serves {@code /webhooks/whatsapp} under another URL (Twilio signs that URL); blank: the
 *     public base URL followed by the path
 * @param statusCallbackUrl the full public URL of {@code /webhooks/whatsapp/status} likewise: it is
 *     sent to Twilio as each message's StatusCallback and its callbacks are verified against it
 */
@ConfigurationProperties("omnichannel.whatsapp")
public record WhatsAppProperties(
    String accountSid,
    String authToken,
    String phoneNumber,
    String apiBaseUrl,
    String contentBaseUrl,
    Map<String, String> contentSids,
    boolean statusCallbacks,
    String webhookUrl,
    String statusCallbackUrl) {

  /**
   * Twilio's WhatsApp sandbox sender (https://www.twilio.com/docs/whatsapp/sandbox), used while
   * sandboxed and no number is set.
   */
  public static final String TWILIO_SANDBOX_NUMBER = "+14155238886";

  public WhatsAppProperties {
    if (phoneNumber == null || phoneNumber.isBlank()) {
      phoneNumber = accountSid == null || accountSid.isBlank() ? TWILIO_SANDBOX_NUMBER : "";
    } else {
      phoneNumber = phoneNumber.strip();
      if (phoneNumber.startsWith("whatsapp:")) {
        phoneNumber = phoneNumber.substring("whatsapp:".length());
      }
    }
    contentSids =
        contentSids == null
            ? Map.of()
            : contentSids.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().trim()));
  }

  /**
   * The full public URL configured for one of the app's WhatsApp paths ({@code /webhooks/whatsapp}
   * or its status path), if a proxy puts it under another URL.
   */
  public Optional<String> configuredUrl(String path) {
    String url =
        WhatsAppIntegration.STATUS_PATH.equals(path)
            ? statusCallbackUrl
            : WhatsAppIntegration.WEBHOOK_PATH.equals(path) ? webhookUrl : null;
    return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.strip());
  }

  /** The Content API template configured for a use, if any. */
  public Optional<String> contentSid(String use) {
    return Optional.ofNullable(contentSids.get(use));
  }

  /** Whether real sends are configured; without an account SID the channel is sandboxed. */
  public boolean live() {
    return accountSid != null && !accountSid.isBlank();
  }

  /** The sender as Twilio addresses it on WhatsApp. */
  public String sender() {
    return phoneNumber.startsWith("whatsapp:") ? phoneNumber : "whatsapp:" + phoneNumber;
  }
}
