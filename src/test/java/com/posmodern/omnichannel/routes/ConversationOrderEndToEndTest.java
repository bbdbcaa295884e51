package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.posmodern.omnichannel.support.EndToEndTestSupport;
import com.posmodern.omnichannel.support.PlatformStubs;
import com.posmodern.omnichannel.support.Webhooks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Many conversations at once: every message answered, and each conversation's replies in the order
 * it wrote.
 */
class ConversationOrderEndToEndTest extends EndToEndTestSupport {

  private static final int CONVERSATIONS = 50;
  private static final int MESSAGES = 20;
  private static final Pattern QUOTED = Pattern.compile("“m(\\d+)”");

  @Test
  void fiftyConversationsOfTwentyMessagesSentConcurrentlyAreEachAnsweredInOrder() throws Exception {
    ExecutorService customers = Executors.newFixedThreadPool(CONVERSATIONS);
    List<Future<List<Integer>>> acks = new ArrayList<>();
    for (int c = 0; c < CONVERSATIONS; c++) {
      String psid = "900000000000012" + c;
      // Each customer writes in order, one message after the other was acknowledged, like a person
      // typing.
      acks.add(
          customers.submit(
              () ->
                  IntStream.range(0, MESSAGES)
                      .mapToObj(
                          m ->
                              webhooks()
                                  .meta(
                                      "messenger",
                                      MESSENGER_SECRET,
                                      Webhooks.metaText(
                                          "page",
                                          PAGE_ID,
                                          psid,
                                          "m_order_" + psid + "_" + m,
                                          "m" + m))
                                  .statusCode())
                      .toList()));
    }
    for (Future<List<Integer>> ack : acks) {
      assertThat(ack.get()).containsOnly(200);
    }
    customers.shutdown();

    // The first message opens the conversation (greeting + menu); each later one gets "não entendi
    // “mN”" + menu.
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                platforms.requests(PlatformStubs.MESSENGER_SEND).stream()
                        .filter(
                            r ->
                                PlatformStubs.json(r)
                                    .path("recipient")
                                    .path("id")
                                    .asText()
                                    .startsWith("900000000000012"))
                        .count()
                    >= (long) CONVERSATIONS * (MESSAGES * 2 + 1));
    for (int c = 0; c < CONVERSATIONS; c++) {
      List<Integer> answered = new ArrayList<>();
      platforms
          .metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000012" + c)
          .forEach(
              body -> {
                Matcher quoted = QUOTED.matcher(body.path("message").path("text").asText());
                if (quoted.find()) {
                  answered.add(Integer.parseInt(quoted.group(1)));
                }
              });
      assertThat(answered)
          .as("conversation %d", c)
          .isEqualTo(IntStream.range(0, MESSAGES).boxed().toList());
      assertThat(platforms.metaSentTo(PlatformStubs.MESSENGER_SEND, "900000000000012" + c))
          .hasSize(MESSAGES * 2 + 1);
    }
  }
}
