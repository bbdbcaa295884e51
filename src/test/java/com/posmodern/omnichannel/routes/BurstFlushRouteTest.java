package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.chatbot.ConversationStore.DueBurst;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Body;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * The burst-flush route as integration engineers ship it
 * (routes/30-chatbot/burst-flush.camel.yaml), with stand-ins for its beans: the conversations due
 * in one poll are answered at the same time on the burst-flush pool, and no poll starts while an
 * earlier poll's answers or replies are still under way (else a conversation's next burst could
 * overtake its previous replies).
 */
public class BurstFlushRouteTest {

  /** Stands in for {@code burstTurns}: three conversations due per poll, for three polls. */
  public static class FakeBurstTurns {

    private final CyclicBarrier allThreeAtOnce = new CyclicBarrier(3);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger polls = new AtomicInteger();
    private final List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch overlapped = new CountDownLatch(1);

    public List<DueBurst> due() {
      int poll = polls.incrementAndGet();
      if (inFlight.get() > 0) {
        overlaps.add("poll " + poll + " started with " + inFlight.get() + " answer(s) in flight");
        overlapped.countDown();
      }
      if (poll > 3) {
        return List.of();
      }
      return List.of(
          new DueBurst("conversation-a", Channel.WHATSAPP),
          new DueBurst("conversation-b", Channel.MESSENGER),
          new DueBurst("conversation-c", Channel.INSTAGRAM));
    }

    public List<String> answer(@Body DueBurst due) throws Exception {
      inFlight.incrementAndGet();
      // Fails (times out) unless the poll's three conversations are answered in parallel.
      allThreeAtOnce.await(10, TimeUnit.SECONDS);
      return List.of("reply to " + due.conversationId());
    }

    void sent() {
      inFlight.decrementAndGet();
    }
  }

  @Test
  void answersAPollsConversationsInParallelAndStartsTheNextPollOnlyAfterTheirReplies()
      throws Exception {
    FakeBurstTurns turns = new FakeBurstTurns();
    List<Object> sent = Collections.synchronizedList(new ArrayList<>());
    try (DefaultCamelContext camel = new DefaultCamelContext()) {
      camel.getRegistry().bind("burstTurns", turns);
      camel
          .getExecutorServiceManager()
          .registerThreadPoolProfile(
              new ThreadPoolProfileBuilder("burst-flush").poolSize(4).maxPoolSize(4).build());
      camel.addRoutes(
          new RouteBuilder() {
            @Override
            public void configure() {
              // Stands in for the reply routes, slower than the timer's 200 ms period: each send
              // waits up to 400 ms for a poll to start meanwhile (which must not happen).
              from("direct:fan-out")
                  .process(
                      exchange -> {
                        turns.overlapped.await(400, TimeUnit.MILLISECONDS);
                        sent.add(exchange.getMessage().getBody());
                        turns.sent();
                      });
            }
          });
      PluginHelper.getRoutesLoader(camel)
          .loadRoutes(
              ResourceHelper.resolveResource(
                  camel, "file:routes/30-chatbot/burst-flush.camel.yaml"));
      camel.start();

      await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 9);
      await().atMost(Duration.ofSeconds(5)).until(() -> turns.polls.get() > 4);
    }

    assertThat(turns.overlaps).isEmpty();
    assertThat(sent).hasSize(9).contains(List.of("reply to conversation-a"));
  }
}
