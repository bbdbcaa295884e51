package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.campaign.CampaignAttribution;
import com.posmodern.omnichannel.campaign.CampaignCustomers;
import com.posmodern.omnichannel.campaign.OperatorApi;
import com.posmodern.omnichannel.support.Webhooks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
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
 * runs them; and a campaign, whose queries (segment, consent, claims, results) run there too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PostgresMessagePathTest {

  private static final EmbeddedPostgres POSTGRES = start();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OPERATOR_PASSWORD = "operator-pg-secret";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CampaignAttribution attribution;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    registry.add("omnichannel.security.operator.password", () -> OPERATOR_PASSWORD);
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

  @Test
  void aCampaignSendsOnceToEachOptedInCustomerAndCountsTheirRepliesOnPostgresql() throws Exception {
    CampaignCustomers customers = new CampaignCustomers(jdbc);
    Instant now = Instant.now();
    for (int i = 0; i < 3; i++) {
      String phone = "+55119666600" + i;
      customers.customer(phone, "Cliente " + i, now.minus(Duration.ofDays(30)));
      customers.consent(phone, i < 2 ? "OPT_IN" : "OPT_OUT", now.minusSeconds(60));
      customers.order("PG00000" + i, phone, "04440-000", now.minus(Duration.ofDays(20)));
    }
    OperatorApi api = new OperatorApi(port, OPERATOR_PASSWORD);
    String definition =
        """
        {"name": "Volta", "segment": {"cepPrefixes": ["04440"], "minOrders": 1,
         "notOrderedForDays": 14, "favouriteCategory": "pizzas", "neighbourhoods": ["vila madalena"]},
         "template": {"contentSid": "HX%s", "variables": {"1": "amigo"}}, "ratePerMinute": 600}
        """
            .formatted("e".repeat(32));
    assertThat(
            JSON.readTree(api.post("/api/operator/campaigns/dry-run", definition).body())
                .path("targeted")
                .asInt())
        .isEqualTo(2);
    var created = api.post("/api/operator/campaigns", definition);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = JSON.readTree(created.body()).path("id").asText();
    assertThat(api.move(id, "start").statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api.campaign(id).path("status").asText().equals("finished"));
    assertThat(api.campaign(id).path("recipients").path("sent").asInt()).isEqualTo(2);

    // A reply within the window counts; the list, the CSV and attribution read on PostgreSQL too.
    Webhooks webhooks = new Webhooks(port);
    assertThat(
            webhooks
                .whatsApp(
                    "dev-twilio-auth-token",
                    "SM0000000000000000000000000000pg11",
                    "+551196666000",
                    "oi, quero")
                .statusCode())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api.campaign(id).path("results").path("replied").asInt() == 1);
    assertThat(api.campaign(id).path("results").path("orders").asInt()).isZero();
    assertThat(JSON.readTree(api.get("/api/operator/campaigns").body()).toString()).contains(id);
    assertThat(api.get("/api/operator/campaigns/" + id + "/recipients.csv").body().lines())
        .hasSize(3);
    // An order placed after the message is the campaign's, for its results and its Purchase event.
    customers.order("PG000010", "+551196666000", "04440-000", Instant.now());
    assertThat(
            attribution.attributedOrder(
                CampaignCustomers.conversation("+551196666000"), "PG000010"))
        .contains(id);
    assertThat(api.campaign(id).path("results").path("orders").asInt()).isEqualTo(1);
  }

  private static EmbeddedPostgres start() {
    try {
      return EmbeddedPostgres.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
    }
  }
}
