package com.posmodern.omnichannel.support;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app on real HTTP with its real YAML routes and an embedded ElasticMQ, every channel
 * live against WireMock stubs of the platform APIs. One Spring context (and one set of stubs) is
 * shared by the test classes that extend this; tests keep apart by using their own customer ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class EndToEndTestSupport {

  public static final String TWILIO_TOKEN = "test-twilio-auth-token";
  public static final String MESSENGER_SECRET = "test-messenger-app-secret";
  public static final String MESSENGER_VERIFY = "test-messenger-verify-token";
  public static final String INSTAGRAM_SECRET = "test-instagram-app-secret";
  public static final String INSTAGRAM_VERIFY = "test-instagram-verify-token";
  public static final String MESSENGER_TOKEN = "EAAGtestpagetoken";
  public static final String INSTAGRAM_TOKEN = "IGQVtestusertoken";
  public static final String PAGE_ID = "PAGE-1";
  public static final String IG_ID = "IG-1";

  protected static final PlatformStubs platforms = new PlatformStubs().start();

  @LocalServerPort protected int port;
  @Autowired protected CamelContext camel;
  @Autowired protected JdbcClient jdbc;

  @DynamicPropertySource
  static void liveChannelsAgainstStubs(DynamicPropertyRegistry registry) {
    registry.add("omnichannel.whatsapp.account-sid", () -> PlatformStubs.TWILIO_ACCOUNT);
    registry.add("omnichannel.whatsapp.auth-token", () -> TWILIO_TOKEN);
    registry.add("omnichannel.whatsapp.api-base-url", platforms::baseUrl);
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
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:e2e;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
  }

  protected Webhooks webhooks() {
    return new Webhooks(port);
  }
}
