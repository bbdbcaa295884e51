package com.posmodern.omnichannel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.posmodern.omnichannel.canonical.reply.SendDecision;
import com.posmodern.omnichannel.channel.TransientSendException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Meta reply routes as shipped: routes/40-outbound/meta-reply.camel.yaml's templates made into
 * messenger-reply and messenger-send-api by messenger-reply.camel.yaml, under the outbound-send
 * policy, with stand-ins for their beans and a WireMock send API over real HTTP.
 */
class MetaReplyRoutesTest {

  private static final WireMockServer graphApi = new WireMockServer(options().dynamicPort());

  @BeforeAll
  static void startGraphApi() {
    graphApi.start();
    graphApi.stubFor(
        post(urlPathEqualTo("/v25.0/me/messages"))
            .willReturn(aResponse().withStatus(200).withBody("{\"message_id\":\"m_1\"}")));
  }

  @AfterAll
  static void stopGraphApi() {
    graphApi.stop();
  }

  /** Stands in for messengerIntegration: two requests per reply, to the WireMock send API. */
  public static class FakeIntegration {
    final AtomicInteger failuresLeft = new AtomicInteger();

    public List<String> render(@Body String reply) {
      return List.of(reply + "#1", reply + "#2");
    }

    public void prepareSendApiCall(Exchange exchange) {
      exchange.setProperty("sendApiUrl", graphApi.baseUrl() + "/v25.0/me/messages");
      exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
    }

    public String checkSendApiAnswer(@Body String answer) {
      if (failuresLeft.getAndDecrement() > 0) {
        throw TransientSendException.unreachable("Graph API reset the connection", null);
      }
      return "sent " + answer;
    }

    public String combineOutcomes(String earlier, String later) {
      return earlier == null ? later : earlier + ", " + later;
    }
  }

  /** Stands in for sendPolicy: a reply named "late" is outside the window. */
  public static class FakePolicy {
    public SendDecision decide(@Body String reply) {
      return reply.equals("late")
          ? new SendDecision(true, false, "OUTSIDE_WINDOW", "after 24 hours")
          : SendDecision.send();
    }
  }

  /** Stands in for the outbox: what was recorded. */
  public static class FakeOutbox {
    final List<String> recorded = Collections.synchronizedList(new ArrayList<>());

    public void record(@Body String outcome) {
      recorded.add(outcome);
    }

    public void block(Exchange exchange) {
      recorded.add(
          "blocked: " + exchange.getProperty(SendDecision.PROPERTY, SendDecision.class).code());
    }
  }

  private final FakeIntegration integration = new FakeIntegration();
  private final FakeOutbox outbox = new FakeOutbox();

  private DefaultCamelContext start() throws Exception {
    DefaultCamelContext camel =
        ShippedRoutes.load(
            "40-outbound/meta-reply.camel.yaml", "40-outbound/messenger-reply.camel.yaml");
    camel.getRegistry().bind("messengerIntegration", integration);
    camel.getRegistry().bind("sendPolicy", new FakePolicy());
    camel.getRegistry().bind("outbox", outbox);
    camel.start();
    return camel;
  }

  @Test
  void theTemplatesMakeMessengersRoutesWithItsNodeIds() throws Exception {
    try (DefaultCamelContext camel = start()) {
      assertThat(camel.getRoute("messenger-reply")).isNotNull();
      assertThat(camel.getRoute("messenger-send-api")).isNotNull();
      assertThat(camel.getProcessor("messenger-render")).isNotNull();
      assertThat(camel.getProcessor("messenger-post")).isNotNull();
      assertThat(camel.getRouteDefinition("messenger-reply").getRouteConfigurationId())
          .isEqualTo("outbound-send");
    }
  }

  private static List<String> requestsSent() {
    List<String> newestFirst =
        new ArrayList<>(
            graphApi.getAllServeEvents().stream()
                .map(event -> event.getRequest().getBodyAsString())
                .toList());
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  @Test
  void aReplyGoesAsOneCallPerRenderedMessageAndItsOutcomeIsRecorded() throws Exception {
    graphApi.resetRequests();
    try (DefaultCamelContext camel = start()) {
      camel.createProducerTemplate().sendBody("direct:messenger-reply", "hello");

      assertThat(requestsSent()).containsExactly("hello#1", "hello#2");
      assertThat(outbox.recorded)
          .containsExactly("sent {\"message_id\":\"m_1\"}, sent {\"message_id\":\"m_1\"}");
    }
  }

  @Test
  void aReplyOutsideTheWindowIsRecordedBlockedAndNotSent() throws Exception {
    graphApi.resetRequests();
    try (DefaultCamelContext camel = start()) {
      camel.createProducerTemplate().sendBody("direct:messenger-reply", "late");

      assertThat(requestsSent()).isEmpty();
      assertThat(outbox.recorded).containsExactly("blocked: OUTSIDE_WINDOW");
    }
  }

  @Test
  void aTransientFailureIsRetriedByTheOutboundSendPolicy() throws Exception {
    graphApi.resetRequests();
    integration.failuresLeft.set(2);
    try (DefaultCamelContext camel = start()) {
      camel.createProducerTemplate().sendBody("direct:messenger-reply", "hello");

      assertThat(outbox.recorded).hasSize(1);
      assertThat(integration.failuresLeft.get()).isNegative();
      // the failed calls were made again: more requests than rendered messages
      assertThat(requestsSent()).hasSizeGreaterThan(2).endsWith("hello#1", "hello#2");
    }
  }
}
