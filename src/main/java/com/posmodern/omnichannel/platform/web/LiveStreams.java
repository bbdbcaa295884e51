package com.posmodern.omnichannel.platform.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent event streams for the web console's pages, fed by polling the database: what one app
 * instance writes, a page connected to another sees, so nothing assumes a single instance. One
 * scheduler thread polls every open stream; a stream ends when its page goes away (a failed send or
 * heartbeat), times out (the browser's EventSource then reconnects with {@code Last-Event-ID}), or
 * the app stops.
 */
public class LiveStreams implements DisposableBean {

  /** What a stream sends next: the events since the last poll (none: nothing to send). */
  @FunctionalInterface
  public interface Poll {
    List<SseEmitter.SseEventBuilder> next() throws Exception;
  }

  private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "console-live-streams");
            thread.setDaemon(true);
            return thread;
          });
  private final Duration period;
  private final Duration heartbeat;
  private final Duration timeout;

  /**
   * @param period how often each stream polls
   * @param heartbeat how often an idle stream sends a comment (to notice a page that went away)
   * @param timeout how long one connection lasts before the browser reconnects
   */
  public LiveStreams(Duration period, Duration heartbeat, Duration timeout) {
    this.period = period;
    this.heartbeat = heartbeat;
    this.timeout = timeout;
  }

  /** Opens a stream that sends what {@code poll} finds, polling until the stream ends. */
  public SseEmitter open(Poll poll) {
    SseEmitter emitter = new SseEmitter(timeout.toMillis());
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    long beatEvery = Math.max(1, heartbeat.toMillis() / period.toMillis());
    long[] idle = {0};
    Runnable stop =
        () -> {
          ScheduledFuture<?> running = task.get();
          if (running != null) {
            running.cancel(false);
          }
        };
    emitter.onCompletion(stop);
    emitter.onTimeout(
        () -> {
          stop.run();
          emitter.complete();
        });
    emitter.onError(error -> stop.run());
    task.set(
        scheduler.scheduleWithFixedDelay(
            () -> {
              try {
                List<SseEmitter.SseEventBuilder> events = poll.next();
                for (SseEmitter.SseEventBuilder event : events) {
                  emitter.send(event);
                }
                if (events.isEmpty() && ++idle[0] % beatEvery == 0) {
                  emitter.send(SseEmitter.event().comment("heartbeat"));
                }
              } catch (IOException | IllegalStateException gone) {
                stop.run();
              } catch (Exception e) {
                log.warn("A console stream failed and was closed: {}", e.toString());
                stop.run();
                emitter.completeWithError(e);
              }
            },
            0,
            period.toMillis(),
            TimeUnit.MILLISECONDS));
    return emitter;
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
  }
}
