package com.posmodern.omnichannel.support;

import java.time.LocalTime;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app on real HTTP with its real YAML routes and an embedded ElasticMQ, configured as a
 * live restaurant: every channel and Mercado Pago live against WireMock stubs of their APIs, so the
 * sandbox is off. One Spring context (and one set of stubs) is shared by the test classes that
 * extend this; tests keep apart by using their own customer ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@Import(EndToEndTestSupport.TestClock.class)
public abstract class EndToEndTestSupport {

  /**
   * The app's clock in these tests: real time, moved to 20:00 in São Paulo (the sample restaurant
   * is open).
   */
  @TestConfiguration
  public static class TestClock {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock().at(LocalTime.of(20, 0));
    }
  }

  public static final String POS_PASSWORD = "test-pos-password";
  public static final String AGENT_PASSWORD = "test-agent-password";
  public static final String OPERATOR_PASSWORD = "test-operator-password";
  public static final String MERCADOPAGO_TOKEN = "APP_USR-test-token";
  public static final String MERCADOPAGO_SECRET = "test-mercadopago-webhook-secret";

  public static final String TWILIO_TOKEN = "test-twilio-auth-token";
  public static final String MESSENGER_SECRET = "test-messenger-app-secret";
  public static final String MESSENGER_VERIFY = "test-messenger-verify-token";
  public static final String INSTAGRAM_SECRET = "test-instagram-app-secret";
  public static final String INSTAGRAM_VERIFY = "test-instagram-verify-token";
  public static final String MESSENGER_TOKEN = "EAAGtestpagetoken";
  public static final String INSTAGRAM_TOKEN = "IGQVtestusertoken";
  public static final String PAGE_ID = "900000000000001";
  public static final String IG_ID = "900000000000003";

  protected static final PlatformStubs platforms = new PlatformStubs().start();

  @LocalServerPort protected int port;
  @Autowired protected CamelContext camel;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected MutableClock clock;

  @DynamicPropertySource
  static void liveChannelsAgainstStubs(DynamicPropertyRegistry registry) {
    registry.add("omnichannel.whatsapp.account-sid", () -> PlatformStubs.TWILIO_ACCOUNT);
    registry.add("omnichannel.whatsapp.auth-token", () -> TWILIO_TOKEN);
    registry.add("omnichannel.whatsapp.api-base-url", platforms::baseUrl);
    registry.add("omnichannel.whatsapp.phone-number", () -> "+14155238886");
    registry.add("omnichannel.messenger.app-secret", () -> MESSENGER_SECRET);
    registry.add("omnichannel.messenger.verify-token", () -> MESSENGER_VERIFY);
    registry.add("omnichannel.messenger.access-token", () -> MESSENGER_TOKEN);
    registry.add("omnichannel.instagram.app-secret", () -> INSTAGRAM_SECRET);
    registry.add("omnichannel.instagram.verify-token", () -> INSTAGRAM_VERIFY);
    registry.add("omnichannel.instagram.access-token", () -> INSTAGRAM_TOKEN);
    registry.add("omnichannel.graph.base-url", () -> platforms.baseUrl() + "/graph");
    registry.add("omnichannel.graph.instagram-base-url", () -> platforms.baseUrl() + "/instagram");
    registry.add("omnichannel.graph.version", () -> "v25.0");
    registry.add("omnichannel.outbound.redelivery-delay-ms", () -> "20");
    registry.add("omnichannel.security.pos.password", () -> POS_PASSWORD);
    registry.add("omnichannel.security.agent.password", () -> AGENT_PASSWORD);
    registry.add("omnichannel.security.operator.password", () -> OPERATOR_PASSWORD);
    // What a live restaurant must set: its PIX key, its card provider and its menu.
    registry.add("omnichannel.payment.pix.key", () -> "12345678000195");
    registry.add("omnichannel.payment.pix.merchant-name", () -> "Cantina Sabor da Vila SP");
    registry.add("omnichannel.payment.card-provider", () -> "mercadopago");
    registry.add("omnichannel.payment.mercado-pago.access-token", () -> MERCADOPAGO_TOKEN);
    registry.add("omnichannel.payment.mercado-pago.webhook-secret", () -> MERCADOPAGO_SECRET);
    registry.add(
        "omnichannel.payment.mercado-pago.base-url",
        () -> platforms.baseUrl() + PlatformStubs.MERCADOPAGO);
    // The restaurant under test serves the sample restaurant's menu as its own catalog.
    registry.add("omnichannel.menu.catalog", () -> "classpath:menu/sample-menu.json");
    registry.add("omnichannel.pos.relay-period-ms", () -> "100");
    // Marketing: the Conversions API and GA4 live against the stubs.
    registry.add("omnichannel.marketing.integrations", () -> "facebook-pixel,ga4");
    registry.add("omnichannel.marketing.facebook.pixel-id", () -> PlatformStubs.PIXEL_ID);
    registry.add("omnichannel.marketing.facebook.access-token", () -> PlatformStubs.CAPI_TOKEN);
    registry.add("omnichannel.marketing.facebook.base-url", () -> platforms.baseUrl() + "/capi");
    registry.add("omnichannel.marketing.facebook.test-event-code", () -> "TEST4242");
    registry.add(
        "omnichannel.marketing.ga4.measurement-id", () -> PlatformStubs.GA4_MEASUREMENT_ID);
    registry.add("omnichannel.marketing.ga4.api-secret", () -> PlatformStubs.GA4_SECRET);
    registry.add("omnichannel.marketing.ga4.base-url", () -> platforms.baseUrl() + "/ga4");
    registry.add("omnichannel.marketing.relay-period-ms", () -> "100");
    registry.add("omnichannel.marketing.batch-timeout-ms", () -> "2500");
    registry.add("omnichannel.marketing.redelivery-delay-ms", () -> "20");
    registry.add("omnichannel.marketing.retry-delay", () -> "200ms");
    registry.add("omnichannel.marketing.request-timeout", () -> "1s");
    registry.add("omnichannel.marketing.log-dir", () -> "target/marketing-e2e");
    // The message-path tests send many messages the bot cannot understand; hand-over is tested on
    // its own.
    registry.add("omnichannel.chatbot.handoff-after-misunderstandings", () -> "1000");
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:e2e;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
  }

  /**
   * The POS reports an order's status through its REST endpoint (Basic auth as the POS); the
   * endpoint must accept it (202).
   */
  protected void posEvent(String eventId, String orderId, String status, Integer etaMinutes)
      throws java.io.IOException, InterruptedException {
    String body =
        "{\"eventId\":\"%s\",\"orderId\":\"%s\",\"status\":\"%s\"%s}"
            .formatted(
                eventId,
                orderId,
                status,
                etaMinutes == null ? "" : ",\"etaMinutes\":" + etaMinutes);
    java.net.http.HttpResponse<String> answer =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/pos/order-events"))
                    .header("Content-Type", "application/json")
                    .header(
                        "Authorization",
                        "Basic "
                            + java.util.Base64.getEncoder()
                                .encodeToString(
                                    ("pos:" + POS_PASSWORD)
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    org.assertj.core.api.Assertions.assertThat(answer.statusCode())
        .as(answer.body())
        .isEqualTo(202);
  }

  protected Webhooks webhooks() {
    return new Webhooks(port);
  }
}
