package com.posmodern.omnichannel.platform.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent event streams for the web console's pages, fed by polling the database: what one app
 * instance writes, a page connected to another sees, so nothing assumes a single instance. Two
 * scheduler threads poll the open streams (at most {@code maxStreams} at once); a stream ends when
 * its page goes away (a failed send or heartbeat), when its poll says so ({@link Ended}: a session
 * logged out), when it times out (the browser's EventSource then reconnects, with {@code
 * Last-Event-ID}), or when the app stops: streams are closed first thing on shutdown, so an open
 * page never holds up the web server's graceful shutdown.
 */
public class LiveStreams implements SmartLifecycle, DisposableBean {

  /** What a stream sends next: the events since the last poll (none: nothing to send). */
  @FunctionalInterface
  public interface Poll {
    List<SseEmitter.SseEventBuilder> next() throws Exception;
  }

  /** Thrown by a poll when its stream must end (e.g. the session it served is gone). */
  public static class Ended extends RuntimeException {
    public Ended(String why) {
      super(why, null, false, false);
    }
  }

  /** Refused: this instance already serves as many streams as it may. */
  @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
  public static class TooManyStreams extends RuntimeException {
    TooManyStreams(int max) {
      super("this instance already serves " + max + " live pages", null, false, false);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(
          2,
          runnable -> {
            Thread thread = new Thread(runnable, "console-live-streams");
            thread.setDaemon(true);
            return thread;
          });
  private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
  private volatile boolean running;
  private final Duration period;
  private final Duration heartbeat;
  private final Duration timeout;
  private final int maxStreams;

  /**
   * @param period how often each stream polls
   * @param heartbeat how often an idle stream sends a comment (to notice a page that went away)
   * @param timeout how long one connection lasts before the browser reconnects
   * @param maxStreams how many streams this instance serves at once
   */
  public LiveStreams(Duration period, Duration heartbeat, Duration timeout, int maxStreams) {
    this.period = period;
    this.heartbeat = heartbeat;
    this.timeout = timeout;
    this.maxStreams = maxStreams;
  }

  /**
   * Opens a stream that sends what {@code poll} finds, polling until the stream ends.
   *
   * @throws TooManyStreams when {@code maxStreams} are open (answered 503)
   */
  public SseEmitter open(Poll poll) {
    if (open.size() >= maxStreams) {
      throw new TooManyStreams(maxStreams);
    }
    SseEmitter emitter = new SseEmitter(timeout.toMillis());
    AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
    long beatEvery = Math.max(1, heartbeat.toMillis() / period.toMillis());
    long[] idle = {0};
    Runnable stop =
        () -> {
          open.remove(emitter);
          ScheduledFuture<?> polling = task.get();
          if (polling != null) {
            polling.cancel(false);
          }
        };
    open.add(emitter);
    emitter.onCompletion(stop);
    emitter.onTimeout(
        () -> {
          stop.run();
          emitter.complete();
        });
    emitter.onError(error -> stop.run());
    // Each run of one stream's task follows the previous one (fixed delay), so its state (idle,
    // the poll's cursor) is never touched by two threads at once.
    task.set(
        scheduler.scheduleWithFixedDelay(
            () -> {
              if (!open.contains(emitter)) {
                stop.run();
                return;
              }
              try {
                List<SseEmitter.SseEventBuilder> events = poll.next();
                for (SseEmitter.SseEventBuilder event : events) {
                  emitter.send(event);
                }
                if (events.isEmpty() && ++idle[0] % beatEvery == 0) {
                  emitter.send(SseEmitter.event().comment("heartbeat"));
                }
              } catch (Ended ended) {
                stop.run();
                emitter.complete();
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

  /** How many streams are open on this instance. */
  public int openStreams() {
    return open.size();
  }

  @Override
  public void start() {
    running = true;
  }

  /** Ends every open stream (the pages reconnect to another instance, or once this one is back). */
  @Override
  public void stop() {
    running = false;
    List.copyOf(open).forEach(SseEmitter::complete);
    open.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stopped before the web server's graceful shutdown, which waits for open requests. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
  }
}
