package com.posmodern.omnichannel.marketing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Moves recorded marketing events to their platforms for the marketing-relay route: claims due
 * events (several instances may relay at once: a claim is a lease, and an event whose lease ran out
 * is claimed again), turns aggregated batches into requests, posts them with a short timeout, and
 * records each event's outcome in the event table and the outcome log. A transient failure the
 * route's own retries could not overcome puts the events back with a growing delay; a batch the
 * platform refuses is resent one event at a time, so one bad event fails alone.
 */
public class MarketingRelay {

  private static final Logger log = LoggerFactory.getLogger(MarketingRelay.class);

  /** Events claimed a poll, at most. */
  static final int CLAIM_LIMIT = 1000;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final MarketingProperties properties;
  private final Map<String, MarketingIntegration> integrations;
  private final MarketingEventLog outcomes;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final String instance = UUID.randomUUID().toString();
  private final java.util.function.BiConsumer<String, String> outcomeCounter;

  public MarketingRelay(
      JdbcClient jdbc,
      Clock clock,
      MarketingProperties properties,
      List<MarketingIntegration> integrations,
      MarketingEventLog outcomes,
      java.util.function.BiConsumer<String, String> outcomeCounter,
      Duration connectTimeout,
      Duration requestTimeout) {
    this.outcomeCounter = outcomeCounter;
    this.jdbc = jdbc;
    this.clock = clock;
    this.properties = properties;
    this.integrations =
        integrations.stream()
            .collect(Collectors.toMap(MarketingIntegration::id, Function.identity()));
    this.outcomes = outcomes;
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.requestTimeout = requestTimeout;
  }

  /**
   * Claims the due events (pending and due, or sending with an expired lease), oldest first; events
   * older than their platform takes are recorded as expired instead.
   */
  public List<QueuedEvent> claim() {
    Instant now = clock.instant();
    String token = instance + ":" + now.toEpochMilli();
    int claimed =
        jdbc.sql(
                "update marketing_event set status = 'SENDING', claim_token = ?, lease_until = ?, updated_at = ?"
                    + " where (status = 'PENDING' or (status = 'SENDING' and lease_until < ?)) and id in"
                    + " (select id from marketing_event where (status = 'PENDING' and next_attempt_at <= ?)"
                    + " or (status = 'SENDING' and lease_until < ?) order by id limit "
                    + CLAIM_LIMIT
                    + ")")
            .params(
                token,
                Timestamp.from(now.plus(properties.lease())),
                Timestamp.from(now),
                Timestamp.from(now),
                Timestamp.from(now),
                Timestamp.from(now))
            .update();
    if (claimed == 0) {
      return List.of();
    }
    List<QueuedEvent> events =
        jdbc.sql(
                "select id, sink, event_id, name, event_time, body, attempts, solo from marketing_event"
                    + " where claim_token = ? and status = 'SENDING' order by id")
            .param(token)
            .query(
                (rs, row) -> {
                  String sink = rs.getString("sink");
                  boolean solo = rs.getBoolean("solo");
                  MarketingIntegration integration = integrations.get(sink);
                  return new QueuedEvent(
                      rs.getLong("id"),
                      sink,
                      rs.getString("event_id"),
                      rs.getString("name"),
                      rs.getTimestamp("event_time").toInstant(),
                      rs.getString("body"),
                      rs.getInt("attempts"),
                      solo,
                      sink + (solo ? ":solo" : ""),
                      solo || integration == null ? 1 : integration.maxBatchSize(),
                      token);
                })
            .list();
    return events.stream().filter(event -> sendable(event, now)).toList();
  }

  private boolean sendable(QueuedEvent event, Instant now) {
    MarketingIntegration integration = integrations.get(event.sink());
    if (integration == null) {
      finish(event, "FAILED", null, "no such marketing integration is configured: " + event.sink());
      return false;
    }
    if (event.eventTime().isBefore(now.minus(integration.maxEventAge()))) {
      finish(
          event,
          "EXPIRED",
          null,
          "older than " + integration.maxEventAge().toHours() + " h when it could be sent");
      return false;
    }
    return true;
  }

  /** The requests that send one aggregated batch (all of one platform). */
  public List<MarketingRequest> requests(@Body List<QueuedEvent> batch) {
    List<QueuedEvent> held = stillClaimed(batch);
    if (held.isEmpty()) {
      return List.of();
    }
    return integrations.get(held.get(0).sink()).requests(held);
  }

  /**
   * The events of a batch still held by their claim: one withdrawn meanwhile (the customer opted
   * out) or whose lease ran out while it waited in the aggregator is not sent.
   */
  private List<QueuedEvent> stillClaimed(List<QueuedEvent> batch) {
    if (batch.isEmpty()) {
      return batch;
    }
    java.util.Set<Long> held = new java.util.HashSet<>();
    for (int start = 0; start < batch.size(); start += 500) {
      List<QueuedEvent> chunk = batch.subList(start, Math.min(batch.size(), start + 500));
      String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "(?, ?)"));
      List<Object> params = new java.util.ArrayList<>();
      chunk.forEach(
          event -> {
            params.add(event.id());
            params.add(event.claimToken());
          });
      held.addAll(
          jdbc.sql(
                  "select id from marketing_event where status = 'SENDING' and (id, claim_token) in ("
                      + marks
                      + ")")
              .params(params)
              .query(Long.class)
              .list());
    }
    List<QueuedEvent> kept = batch.stream().filter(event -> held.contains(event.id())).toList();
    if (kept.size() < batch.size()) {
      log.info(
          "{} of {} event(s) for {} no longer held by their claim (withdrawn or re-claimed): not sent",
          batch.size() - kept.size(),
          batch.size(),
          batch.get(0).sink());
    }
    return kept;
  }

  /**
   * Posts one request and records the outcome.
   *
   * @throws TransientMarketingException when the platform is unavailable, so the route retries
   */
  public void send(@Body MarketingRequest request) {
    MarketingIntegration integration = integrations.get(request.sink());
    HttpRequest.Builder call =
        HttpRequest.newBuilder(URI.create(request.url()))
            .timeout(requestTimeout)
            .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
    request.headers().forEach(call::header);
    HttpResponse<String> response;
    try {
      response =
          http.send(call.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TransientMarketingException(request.redactedUrl() + " could not be reached: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientMarketingException(
          "interrupted while posting to " + request.redactedUrl());
    }
    MarketingIntegration.RequestOutcome outcome =
        integration.read(request, response.statusCode(), response.body());
    if (outcome.accepted()) {
      for (QueuedEvent event : request.events()) {
        finish(event, "SENT", outcome.httpStatus(), outcome.detail());
      }
      log.info(
          "{} marketing event(s) sent to {} ({})",
          request.events().size(),
          request.sink(),
          outcome.detail());
    } else if (request.events().size() > 1) {
      // One bad event refuses the whole batch: send each alone to find it.
      for (QueuedEvent event : request.events()) {
        reschedule(event, clock.instant(), true, outcome.httpStatus(), outcome.detail());
      }
      log.warn(
          "{} refused a batch of {} event(s); resending them one by one: {}",
          request.sink(),
          request.events().size(),
          outcome.detail());
    } else {
      finish(request.events().get(0), "FAILED", outcome.httpStatus(), outcome.detail());
      log.warn(
          "{} refused event {}: {}",
          request.sink(),
          request.events().get(0).eventId(),
          outcome.detail());
    }
  }

  /**
   * After the route's retries: the request's events wait and are claimed again later (doubling the
   * delay each time), or fail for good after the configured attempts.
   */
  public void retryLater(
      @ExchangeProperty("marketingRequest") MarketingRequest request,
      @ExchangeProperty("CamelExceptionCaught") Exception cause,
      @Body Object body) {
    String detail = cause == null ? "unknown failure" : String.valueOf(cause.getMessage());
    List<QueuedEvent> events = eventsOf(request, body);
    for (QueuedEvent event : events) {
      int attempt = event.attempts() + 1;
      if (attempt >= properties.maxAttempts()) {
        finish(event, "FAILED", null, "gave up after " + attempt + " attempts: " + detail);
        continue;
      }
      long delayMs =
          Math.min(
              Duration.ofHours(1).toMillis(),
              properties.retryDelay().toMillis() * (1L << Math.min(20, attempt - 1)));
      reschedule(event, clock.instant().plusMillis(delayMs), event.solo(), null, detail);
    }
    log.warn("{} marketing event(s) will be retried later: {}", events.size(), detail);
  }

  /** The events a failure concerns: its request's, else (failed before any request) the batch's. */
  private static List<QueuedEvent> eventsOf(MarketingRequest request, Object body) {
    if (request != null) {
      return request.events();
    }
    if (body instanceof List<?> list) {
      return list.stream()
          .filter(QueuedEvent.class::isInstance)
          .map(QueuedEvent.class::cast)
          .toList();
    }
    return List.of();
  }

  private void reschedule(
      QueuedEvent event, Instant due, boolean solo, Integer httpStatus, String detail) {
    int changed =
        jdbc.sql(
                "update marketing_event set status = 'PENDING', attempts = attempts + 1, solo = ?, next_attempt_at = ?,"
                    + " claim_token = null, lease_until = null, http_status = ?, error = ?, updated_at = ?"
                    + " where id = ? and claim_token = ?")
            .params(
                solo,
                Timestamp.from(due),
                httpStatus,
                MarketingRecorder.truncate(detail, 1000),
                Timestamp.from(clock.instant()),
                event.id(),
                event.claimToken())
            .update();
    logOutcome(
        changed,
        event,
        "retried",
        "RETRY",
        solo && !event.solo() ? "batch refused; to be sent alone" : "due " + due,
        httpStatus,
        detail);
  }

  private void finish(QueuedEvent event, String status, Integer httpStatus, String detail) {
    int changed =
        jdbc.sql(
                "update marketing_event set status = ?, attempts = attempts + 1, claim_token = null, lease_until = null,"
                    + " http_status = ?, error = ?, updated_at = ? where id = ? and claim_token = ?")
            .params(
                status,
                httpStatus,
                status.equals("SENT") ? null : MarketingRecorder.truncate(detail, 1000),
                Timestamp.from(clock.instant()),
                event.id(),
                event.claimToken())
            .update();
    logOutcome(changed, event, status, status, null, httpStatus, detail);
  }

  /**
   * Counts and logs an outcome the table took ({@code changed} rows); none when the event's claim
   * had expired or it was withdrawn meanwhile.
   */
  private void logOutcome(
      int changed,
      QueuedEvent event,
      String counted,
      String status,
      String note,
      Integer httpStatus,
      String detail) {
    if (changed == 0) {
      log.warn(
          "Event {} for {}: its claim expired meanwhile; outcome not recorded",
          event.eventId(),
          event.sink());
      return;
    }
    outcomeCounter.accept(event.sink(), counted);
    outcomes.write(
        new MarketingEventLog.Line(
            event.eventId(),
            event.name(),
            event.sink(),
            status,
            null,
            note,
            event.attempts() + 1,
            httpStatus,
            detail));
  }
}
