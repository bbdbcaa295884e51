package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.posmodern.omnichannel.canonical.Channel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The fan-out route as shipped (routes/40-outbound/fan-out.camel.yaml): each reply of a turn goes,
 * in order, to direct:&lt;channel&gt;-reply; the first that fails stops the rest and the failure
 * goes back to the caller (the to-caller policy), so the turn's message is redelivered.
 */
class FanOutRouteTest {

  /** A reply as the fan-out reads it: its channel. */
  public record Reply(Channel channel, String text) {}

  private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

  private DefaultCamelContext start() throws Exception {
    DefaultCamelContext camel = ShippedRoutes.load("40-outbound/fan-out.camel.yaml");
    camel.addRoutes(
        new RouteBuilder() {
          @Override
          public void configure() {
            for (Channel channel : Channel.values()) {
              from("direct:" + channel.id() + "-reply")
                  .process(
                      exchange -> {
                        Reply reply = exchange.getMessage().getBody(Reply.class);
                        if (reply.text().equals("fails")) {
                          throw new IllegalStateException("platform down");
                        }
                        sent.add(channel.id() + ": " + reply.text());
                      });
            }
          }
        });
    camel.start();
    return camel;
  }

  @Test
  void eachReplyGoesToItsChannelsReplyRouteInOrder() throws Exception {
    try (DefaultCamelContext camel = start()) {
      camel
          .createProducerTemplate()
          .sendBody(
              "direct:fan-out",
              List.of(
                  new Reply(Channel.WHATSAPP, "one"),
                  new Reply(Channel.MESSENGER, "two"),
                  new Reply(Channel.INSTAGRAM, "three")));

      assertThat(sent).containsExactly("whatsapp: one", "messenger: two", "instagram: three");
    }
  }

  @Test
  void theFirstReplyThatFailsStopsTheRestAndTheCallerSeesTheFailure() throws Exception {
    try (DefaultCamelContext camel = start()) {
      assertThatThrownBy(
              () ->
                  camel
                      .createProducerTemplate()
                      .sendBody(
                          "direct:fan-out",
                          List.of(
                              new Reply(Channel.MESSENGER, "one"),
                              new Reply(Channel.MESSENGER, "fails"),
                              new Reply(Channel.MESSENGER, "never"))))
          .isInstanceOf(CamelExecutionException.class)
          .hasRootCauseMessage("platform down");
      assertThat(sent).containsExactly("messenger: one");
    }
  }
}
