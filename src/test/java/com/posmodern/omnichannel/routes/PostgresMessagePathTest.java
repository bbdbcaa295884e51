package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.support.Webhooks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The message path on a real PostgreSQL (Zonky's embedded PostgreSQL binaries from Maven Central):
 * the same Flyway schema, the exactly-once guard, the outbox and the sandbox record, as production
 * runs them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PostgresMessagePathTest {

  private static final EmbeddedPostgres POSTGRES = start();
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }

  @AfterAll
  static void stop() throws IOException {
    POSTGRES.close();
  }

  @Test
  void aConversationRunsOnPostgresqlAndARepeatedWebhookIsAnsweredOnce() throws Exception {
    assertThat(jdbc.sql("select version()").query(String.class).single()).startsWith("PostgreSQL");
    assertThat(
            jdbc.sql("select count(*) from flyway_schema_history where success")
                .query(Long.class)
                .single())
        .isPositive();
    Webhooks webhooks = new Webhooks(port);

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThat(
              webhooks
                  .whatsApp(
                      "dev-twilio-auth-token",
                      "SM0000000000000000000000000000pg01",
                      "+5511955550001",
                      "oi")
                  .statusCode())
          .isEqualTo(200);
    }
    assertThat(
            webhooks
                .whatsApp(
                    "dev-twilio-auth-token",
                    "SM0000000000000000000000000000pg02",
                    "+5511955550001",
                    "2")
                .statusCode())
        .isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                JSON.readTree(webhooks.get("/sandbox/messages?channel=whatsapp").body()).size()
                    >= 4);
    var sent = JSON.readTree(webhooks.get("/sandbox/messages?channel=whatsapp").body());
    assertThat(sent).hasSize(4);
    assertThat(sent.get(2).path("body").path("Body").asText()).startsWith("Lanches");
    assertThat(
            jdbc.sql("select state from conversation where id = ?")
                .param("whatsapp:+14155238886:+5511955550001")
                .query(String.class)
                .single())
        .contains("\"category\":\"lanches\"");
    assertThat(
            jdbc.sql("select count(*) from outbound_message where status = 'SENT'")
                .query(Long.class)
                .single())
        .isEqualTo(4);
  }

  private static EmbeddedPostgres start() {
    try {
      return EmbeddedPostgres.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
    }
  }
}
