package com.posmodern.omnichannel.platform.sqs;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Status;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.msg.CreateQueue;
import org.elasticmq.msg.RestoreMessages;
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
import scala.util.Right;

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
      // Restored before the server takes requests: a message sent meanwhile would overtake its
      // conversation's restored ones.
      if (persistence != null) {
        ActorRef orderedRestore =
            system.actorOf(
                Props.create(OrderedRestore.class, () -> new OrderedRestore(queueManager)),
                "ordered-restore");
        Object restored =
            Patterns.ask(
                    persistence, new QueueEvent.Restore(orderedRestore), Duration.ofSeconds(60))
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        if (restored instanceof scala.util.Left<?, ?> errors) {
          throw new IllegalStateException(
              "Restoring the persisted queues failed: " + errors.value());
        }
      }
      SQSRestServer server = builder.start();
      InetSocketAddress bound = server.waitUntilStarted().localAddress();
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

  /**
   * Stands in for the queue manager while ElasticMQ restores persisted queues, so that restored
   * FIFO messages keep their order. ElasticMQ 1.7.1's SQL persistence restores every message as a
   * standard-queue message ({@code isFifo = false}, {@code orderIndex = 0}: see its {@code
   * DBMessage.toInternalMessage}), and standard messages are ordered by their next delivery time: a
   * group's in-flight first message then sorts behind the later ones, which are handed out while it
   * is still being processed. This actor passes queue creation through and rewrites each queue's
   * restored messages as FIFO messages ordered as they were sent (send time, then ElasticMQ's
   * sequence number for sends in the same millisecond); their visibility is kept, so a group whose
   * first message was in flight stays blocked until it is deleted or its visibility timeout ends,
   * as in SQS.
   */
  static final class OrderedRestore extends AbstractActor {

    private final ActorRef queueManager;

    OrderedRestore(ActorRef queueManager) {
      this.queueManager = queueManager;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(
              CreateQueue.class,
              create -> {
                ActorRef caller = getSender();
                ActorSystem system = getContext().getSystem();
                Patterns.ask(queueManager, create, Duration.ofSeconds(30))
                    .whenComplete(
                        (created, error) -> {
                          if (error != null) {
                            caller.tell(new Status.Failure(error), ActorRef.noSender());
                          } else if (created instanceof Right<?, ?> right
                              && right.value() instanceof ActorRef queue) {
                            ActorRef restoring =
                                system.actorOf(
                                    Props.create(
                                        RestoreInOrder.class, () -> new RestoreInOrder(queue)));
                            caller.tell(new Right<>(restoring), ActorRef.noSender());
                          } else {
                            caller.tell(created, ActorRef.noSender());
                          }
                        });
              })
          .matchAny(message -> queueManager.forward(message, getContext()))
          .build();
    }
  }

  /** Forwards one queue's restored messages to it in the order they were sent, as FIFO messages. */
  static final class RestoreInOrder extends AbstractActor {

    private final ActorRef queue;

    RestoreInOrder(ActorRef queue) {
      this.queue = queue;
    }

    @Override
    public Receive createReceive() {
      return receiveBuilder()
          .match(
              RestoreMessages.class,
              restore -> {
                queue.forward(new RestoreMessages(inSendOrder(restore.messages())), getContext());
                getContext().stop(getSelf());
              })
          .matchAny(message -> queue.forward(message, getContext()))
          .build();
    }
  }

  /**
   * The restored messages in the order they were sent; those of a message group (FIFO queues)
   * become FIFO messages again, their order index their position.
   */
  static scala.collection.immutable.List<InternalMessage> inSendOrder(
      scala.collection.immutable.List<InternalMessage> restored) {
    List<InternalMessage> sorted =
        new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(restored));
    sorted.sort(
        Comparator.comparing((InternalMessage m) -> m.created().toInstant())
            .thenComparingLong(EmbeddedSqsServer::sequence));
    List<InternalMessage> ordered = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); i++) {
      InternalMessage m = sorted.get(i);
      ordered.add(
          m.messageGroupId().isEmpty()
              ? m
              : new InternalMessage(
                  m.id(),
                  m.deliveryReceipts(),
                  m.nextDelivery(),
                  m.content(),
                  m.messageAttributes(),
                  m.created(),
                  i,
                  m.firstReceive(),
                  m.receiveCount(),
                  true,
                  m.messageGroupId(),
                  m.messageDeduplicationId(),
                  m.tracingId(),
                  m.sequenceNumber(),
                  m.deadLetterSourceQueueName()));
    }
    return scala.jdk.javaapi.CollectionConverters.asScala(ordered).toList();
  }

  private static long sequence(InternalMessage message) {
    if (message.sequenceNumber().isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(message.sequenceNumber().get());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
