package com.posmodern.omnichannel.marketing;

import java.time.Duration;
import java.util.List;

/**
 * A marketing platform events are reported to (the seed's {@code MarketingIntegration}): it decides
 * what of an event it takes and in which shape (normalising and hashing personal data as the
 * platform specifies, so nothing clear is stored or sent), and how a batch becomes requests. The
 * marketing-relay route does the rest: batching, HTTP, retries, outcome records.
 */
public interface MarketingIntegration {

  /** The id used in configuration, in the event table and in the outcome log. */
  String id();

  /** Whether credentials are configured; without them requests go to the built-in sandbox. */
  boolean live();

  /** Where requests go, for the startup report (no secrets). */
  String target();

  /** The most events one batch may hold. */
  int maxBatchSize();

  /** Events older than this when they would be sent are not sent (recorded as expired). */
  Duration maxEventAge();

  /**
   * The request element for one event, or why this platform skips it. Called in the conversation's
   * transaction: must not call out.
   */
  Prepared prepare(MarketingEvent event);

  /** The HTTP requests that send a batch of prepared events of this platform. */
  List<MarketingRequest> requests(List<QueuedEvent> batch);

  /**
   * Reads a platform's answer to one request.
   *
   * @throws TransientMarketingException when it is worth trying again (429, 5xx)
   */
  RequestOutcome read(MarketingRequest request, int status, String body);

  /** An answer: accepted, or refused for good with the platform's reason. */
  record RequestOutcome(boolean accepted, int httpStatus, String detail) {

    public static RequestOutcome accepted(int status, String detail) {
      return new RequestOutcome(true, status, detail);
    }

    public static RequestOutcome refused(int status, String detail) {
      return new RequestOutcome(false, status, detail);
    }
  }
}
