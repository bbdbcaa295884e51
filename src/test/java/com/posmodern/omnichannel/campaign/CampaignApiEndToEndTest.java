package com.posmodern.omnichannel.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The campaign API on the running app, over real HTTP as an operator: 300 WhatsApp customers with
 * mixed consent (opted in, opted out after opting in, never asked) and orders (pizzas delivered to
 * CEP 09990-…, or none); a dry run counts whom the segment reaches and why the others are left out,
 * shows masked samples and the duration at the rate, and stores nothing; creating the campaign
 * expands the same customers into its durable list, once each.
 */
class CampaignApiEndToEndTest extends EndToEndTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CUSTOMERS = 300;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void customers() {
    CampaignCustomers customers = new CampaignCustomers(jdbc);
    if (customers.exists(phone(0))) {
      return;
    }
    Instant now = clock.instant();
    for (int i = 0; i < CUSTOMERS; i++) {
      customers.customer(phone(i), "Cliente " + i, now);
      if (i % 3 != 2) {
        customers.consent(phone(i), "OPT_IN", now.minusSeconds(60));
      }
      if (i % 3 == 1) {
        customers.consent(phone(i), "OPT_OUT", now);
      }
      if (i % 2 == 0) {
        customers.order(
            "CMP" + String.format("%05d", i),
            phone(i),
            "09990-000",
            now.minus(Duration.ofDays(i % 40)));
      }
    }
  }

  private static String phone(int i) {
    return "+551199990" + String.format("%04d", i);
  }

  @Test
  void aDryRunCountsWhomTheSegmentReachesAndStoresNothing() throws Exception {
    int campaignsBefore = jdbc.sql("select count(*) from campaign").query(Integer.class).single();
    // Opted in (i % 3 == 0) and with an order (i % 2 == 0) to 09990: i % 6 == 0, 50 customers;
    // those who ordered within 30 days: i % 40 < 30 as well.
    HttpResponse<String> answer =
        api()
            .post(
                "/api/operator/campaigns/dry-run",
                definition("{\"cepPrefixes\":[\"09990\"],\"favouriteCategory\":\"pizzas\"}", 10));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode dryRun = JSON.readTree(answer.body());
    assertThat(dryRun.path("targeted").asInt()).isEqualTo(50);
    assertThat(dryRun.path("skipped").path("no_consent").asInt()).isGreaterThanOrEqualTo(200);
    assertThat(dryRun.path("sample")).hasSize(5);
    assertThat(dryRun.path("sample").get(0).path("customer").asText())
        .startsWith("+55")
        .contains("•");
    assertThat(dryRun.path("sample").get(0).path("variables").path("1").asText())
        .isEqualTo("amigo");
    // 50 at 10 a minute: the last in the fifth minute.
    assertThat(dryRun.path("estimatedDuration").asText()).isEqualTo("PT4M");

    long recent =
        java.util.stream.IntStream.range(0, CUSTOMERS)
            .filter(i -> i % 6 == 0 && i % 40 < 30)
            .count();
    JsonNode withinDays =
        JSON.readTree(
            api()
                .post(
                    "/api/operator/campaigns/dry-run",
                    definition("{\"cepPrefixes\":[\"09990\"],\"orderedWithinDays\":30}", 10))
                .body());
    assertThat(withinDays.path("targeted").asLong()).isEqualTo(recent);
    assertThat(jdbc.sql("select count(*) from campaign").query(Integer.class).single())
        .isEqualTo(campaignsBefore);
  }

  @Test
  void creatingACampaignExpandsItsRecipientsOnceEach() throws Exception {
    HttpResponse<String> created =
        api()
            .post(
                "/api/operator/campaigns",
                definition(
                    "{\"cepPrefixes\":[\"09990\"],\"neighbourhoods\":[\"vila  madalena\"]}", 60));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode campaign = JSON.readTree(created.body());
    String id = campaign.path("id").asText();
    assertThat(campaign.path("status").asText()).isEqualTo("draft");
    assertThat(campaign.path("targeted").asInt()).isEqualTo(50);
    assertThat(campaign.path("recipients").path("pending").asInt()).isEqualTo(50);
    assertThat(campaign.path("createdBy").asText()).isEqualTo("operator");
    List<String> phones =
        jdbc.sql("select phone from campaign_recipient where campaign_id = ? order by phone")
            .param(id)
            .query(String.class)
            .list();
    assertThat(phones)
        .hasSize(50)
        .doesNotHaveDuplicates()
        .allMatch(p -> p.startsWith("+551199990"));
    assertThat(phones).allMatch(p -> Integer.parseInt(p.substring(p.length() - 4)) % 6 == 0);

    HttpResponse<String> read = api().get("/api/operator/campaigns/" + id);
    assertThat(
            JSON.readTree(read.body())
                .path("definition")
                .path("template")
                .path("contentSid")
                .asText())
        .isEqualTo("HX" + "b".repeat(32));
    assertThat(api().get("/api/operator/campaigns/cmp_nope").statusCode()).isEqualTo(404);
  }

  @Test
  void aDefinitionThatCannotBeSentIsRefusedWithTheReason() throws Exception {
    HttpResponse<String> badSid =
        api()
            .post(
                "/api/operator/campaigns/dry-run",
                "{\"name\":\"x\",\"template\":{\"contentSid\":\"HX1\"},\"ratePerMinute\":10}");
    assertThat(badSid.statusCode()).isEqualTo(400);
    assertThat(badSid.body()).contains("contentSid");
    HttpResponse<String> noRate =
        api()
            .post(
                "/api/operator/campaigns",
                "{\"name\":\"x\",\"template\":{\"contentSid\":\"HX" + "b".repeat(32) + "\"}}");
    assertThat(noRate.statusCode()).isEqualTo(400);
    assertThat(noRate.body()).contains("ratePerMinute");
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/operator/campaigns"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  private OperatorApi api() {
    return new OperatorApi(port, OPERATOR_PASSWORD);
  }

  private static String definition(String segment, int rate) {
    return "{\"name\":\"Quinta da pizza\",\"segment\":"
        + segment
        + ",\"template\":{\"contentSid\":\"HX"
        + "b".repeat(32)
        + "\",\"variables\":{\"1\":\"amigo\"},\"maxLengths\":{\"1\":30}},"
        + "\"schedule\":{\"quietFrom\":\"23:59\",\"quietTo\":\"00:00\"},\"ratePerMinute\":"
        + rate
        + "}";
  }
}
