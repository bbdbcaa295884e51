package com.posmodern.omnichannel.marketing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Marketing events, bound from {@code omnichannel.marketing.*}.
 *
 * @param integrations the platforms events go to ({@code facebook-pixel}, {@code ga4})
 * @param events event name per conversation moment key, overriding {@link
 *     ConversationMoment#defaultEvent()}; {@code none} turns a moment off
 * @param relayPeriodMs how often due events are claimed
 * @param batchTimeoutMs how long a batch waits for more events before it is sent anyway
 * @param maxAttempts sends of an event before it is recorded as failed
 * @param retryDelay wait before the first resend of a batch the route's own retries could not send;
 *     doubled for each further attempt, up to an hour
 * @param lease how long a claimed event is held by the instance sending it
 * @param connectTimeout connecting to a platform
 * @param requestTimeout a platform's answer to one request
 * @param logDir where the outcome log (JSON lines, one file a day) is written
 */
@ConfigurationProperties("omnichannel.marketing")
public record MarketingProperties(
    List<String> integrations,
    Map<String, String> events,
    long relayPeriodMs,
    long batchTimeoutMs,
    int maxAttempts,
    Duration retryDelay,
    Duration lease,
    Duration connectTimeout,
    Duration requestTimeout,
    String logDir,
    Facebook facebook,
    Ga4 ga4) {

  public MarketingProperties {
    integrations =
        integrations == null
            ? List.of()
            : integrations.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    events = events == null ? Map.of() : Map.copyOf(events);
  }

  /** The event a moment sends, if any. */
  public Optional<String> eventFor(ConversationMoment moment) {
    String name = events.getOrDefault(moment.key(), moment.defaultEvent()).strip();
    return name.isEmpty() || name.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(name);
  }

  /**
   * The Conversions API.
   *
   * @param pixelId the pixel (dataset) id
   * @param accessToken a Conversions API access token
   * @param baseUrl {@code https://graph.facebook.com}
   * @param version the Graph API version path segment
   * @param testEventCode sends every event as a test event (Events Manager → Test events)
   * @param whatsappBusinessAccountId the WhatsApp Business Account id, for WhatsApp chat events
   */
  public record Facebook(
      String pixelId,
      String accessToken,
      String baseUrl,
      String version,
      String testEventCode,
      String whatsappBusinessAccountId) {

    public boolean live() {
      return pixelId != null && !pixelId.isBlank() && accessToken != null && !accessToken.isBlank();
    }
  }

  /**
   * Google Analytics 4 Measurement Protocol.
   *
   * @param measurementId the web data stream's measurement id ({@code G-…})
   * @param apiSecret a Measurement Protocol API secret of that stream
   * @param baseUrl {@code https://www.google-analytics.com}
   */
  public record Ga4(String measurementId, String apiSecret, String baseUrl) {

    public boolean live() {
      return measurementId != null
          && !measurementId.isBlank()
          && apiSecret != null
          && !apiSecret.isBlank();
    }
  }
}
