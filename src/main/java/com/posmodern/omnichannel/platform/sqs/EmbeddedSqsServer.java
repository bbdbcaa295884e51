package com.posmodern.omnichannel.platform.sqs;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.concurrent.Await;
import scala.concurrent.duration.FiniteDuration;

/**
 * An ElasticMQ server inside the app, on loopback, for the one-command default. With persistence
 * on, every queue change is written to an H2 file before SQS answers, and the queues and their
 * messages are restored at start, so a webhook acknowledged before a crash is still there after it.
 * Started by {@link SqsConfiguration} only when no external queue is configured.
 */
public final class EmbeddedSqsServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedSqsServer.class);
  private static final FiniteDuration RESTORE_TIMEOUT = FiniteDuration.apply(60, TimeUnit.SECONDS);

  private final ActorSystem actorSystem;
  private final SQSRestServer server;
  private final URI endpoint;
  private final java.util.concurrent.atomic.AtomicBoolean open =
      new java.util.concurrent.atomic.AtomicBoolean(true);

  private EmbeddedSqsServer(ActorSystem actorSystem, SQSRestServer server, URI endpoint) {
    this.actorSystem = actorSystem;
    this.server = server;
    this.endpoint = endpoint;
  }

  /**
   * ElasticMQ's SQL persistence opens its database once per JVM (a global pool): the storage in
   * use.
   */
  private static final java.util.concurrent.atomic.AtomicReference<String> persistentStorage =
      new java.util.concurrent.atomic.AtomicReference<>();

  /**
   * Starts the server, restoring persisted queues and messages first when persistence is on. One
   * JVM can use only one persistent storage (ElasticMQ's SQL persistence is a JVM-wide singleton);
   * a second, different one is refused rather than silently written to the first.
   */
  public static EmbeddedSqsServer start(SqsProperties.Embedded config) {
    if (config.persistent()
        && !persistentStorage.compareAndSet(null, config.storageUrl())
        && !persistentStorage.get().equals(config.storageUrl())) {
      throw new IllegalStateException(
          "This JVM already persists embedded SQS messages in "
              + persistentStorage.get()
              + "; ElasticMQ cannot use a second storage ("
              + config.storageUrl()
              + ") in the same JVM");
    }
    long started = System.nanoTime();
    ActorSystem system = ActorSystem.create("elasticmq");
    try {
      ActorRef persistence = null;
      if (config.persistent()) {
        SqlQueuePersistenceConfig sql =
            new SqlQueuePersistenceConfig(
                true, "org.h2.Driver", config.storageUrl(), "sa", "", false);
        persistence =
            system.actorOf(
                Props.create(
                    SqlQueuePersistenceActor.class,
                    () ->
                        new SqlQueuePersistenceActor(
                            sql,
                            scala.collection.immutable.List$.MODULE$.<CreateQueueMetadata>empty())),
                "sql-persistence");
      }
      Option<ActorRef> listener = Option.apply(persistence);
      ActorRef queueManager =
          system.actorOf(
              Props.create(
                  QueueManagerActor.class,
                  () ->
                      new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, listener)),
              "queue-manager");
      var builder =
          SQSRestServerBuilder.withActorSystem(system)
              .withQueueManagerActor(queueManager)
              .withInterface(config.host())
              .withSQSLimits(StrictSQSLimits$.MODULE$);
      builder = config.port() == 0 ? builder.withDynamicPort() : builder.withPort(config.port());
      if (persistence != null) {
        builder = builder.withQueueEventListener(persistence);
      }
      SQSRestServer server = builder.start();
      InetSocketAddress bound = server.waitUntilStarted().localAddress();
      if (persistence != null) {
        Object restored =
            Patterns.ask(persistence, new QueueEvent.Restore(queueManager), Duration.ofSeconds(60))
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        if (restored instanceof scala.util.Left<?, ?> errors) {
          throw new IllegalStateException(
              "Restoring the persisted queues failed: " + errors.value());
        }
      }
      URI endpoint = URI.create("http://" + config.host() + ":" + bound.getPort());
      log.info(
          "Embedded SQS (ElasticMQ) listening on {} ({}), started in {} ms",
          endpoint,
          config.persistent() ? "messages persisted in " + config.storageUrl() : "in memory only",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return new EmbeddedSqsServer(system, server, endpoint);
    } catch (Exception e) {
      system.terminate();
      throw new IllegalStateException("Cannot start the embedded SQS server: " + e.getMessage(), e);
    } catch (Throwable t) {
      system.terminate();
      throw t;
    }
  }

  /** The SQS endpoint clients should call. */
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    if (!open.compareAndSet(true, false)) {
      return;
    }
    try {
      server.stopAndWait();
    } finally {
      try {
        Await.result(actorSystem.terminate(), RESTORE_TIMEOUT);
      } catch (Exception e) {
        log.warn("Embedded SQS did not stop cleanly: {}", e.toString());
      }
    }
  }
}
