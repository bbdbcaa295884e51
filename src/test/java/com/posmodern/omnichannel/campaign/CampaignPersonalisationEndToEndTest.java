package com.posmodern.omnichannel.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.posmodern.omnichannel.support.BedrockAnswers.converse;
import static com.posmodern.omnichannel.support.BedrockAnswers.throttled;
import static com.posmodern.omnichannel.support.BedrockAnswers.toolUse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Campaigns personalised by Claude: the real campaign routes, Twilio's Messages API as the shared
 * platform stub and the Bedrock runtime as a WireMock stub speaking the Converse API. Claude's
 * values reach a customer only when they pass every check; when Bedrock throttles, is slow, or
 * writes something over a variable's limit or not fit for a WhatsApp parameter, the customer gets
 * the template's default variables and the campaign goes on.
 */
// Its own app (AI on), closed after: its consumers must not take the shared app's messages.
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignPersonalisationEndToEndTest extends EndToEndTestSupport {

  private static final String MODEL = "us.anthropic.claude-sonnet-4-20250514-v1:0";
  private static final String CONTENT_SID = "HX" + "d".repeat(32);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final WireMockServer bedrock = new WireMockServer(options().dynamicPort());

  static {
    bedrock.start();
  }

  @DynamicPropertySource
  static void aiAgainstTheBedrockStub(DynamicPropertyRegistry registry) {
    registry.add("omnichannel.ai.model-id", () -> MODEL);
    registry.add("omnichannel.ai.endpoint", bedrock::baseUrl);
    registry.add("omnichannel.ai.access-key-id", () -> "AKIDEXAMPLE");
    registry.add(
        "omnichannel.ai.secret-access-key", () -> "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    registry.add("omnichannel.ai.timeout", () -> "1s");
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:campaign-ai;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
  }

  @AfterAll
  static void stop() {
    bedrock.stop();
  }

  @BeforeEach
  void stubs() {
    bedrock.resetAll();
  }

  /** Claude writes these values when the request is about this customer. */
  private static void claudeWritesFor(String firstName, String values) {
    bedrock.stubFor(
        post(urlPathMatching("/model/.+/converse"))
            .withRequestBody(containing("first name: " + firstName + "\\n"))
            .willReturn(converse("tool_use", toolUse("fill_template_variables", values))));
  }

  @Test
  @Order(1)
  void claudeWritesEachCustomersVariablesAndTheDryRunShowsThem() throws Exception {
    customers("09910", "Ana Souza", "Bruno Lima");
    claudeWritesFor("Ana", "{\"1\": \"Ana\", \"2\": \"aquela Pizza de Calabresa de sempre\"}");
    claudeWritesFor("Bruno", "{\"1\": \"Bruno\", \"2\": \"uma Calabresa quentinha\"}");

    HttpResponse<String> dryRun =
        api().post("/api/operator/campaigns/dry-run", definition("09910"));
    assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
    List<JsonNode> sample = List.copyOf(list(JSON.readTree(dryRun.body()).path("sample")));
    assertThat(sample).hasSize(2);
    assertThat(sample)
        .extracting(s -> s.path("text").asText())
        .containsExactlyInAnyOrder(
            "Oi Ana! Que tal aquela Pizza de Calabresa de sempre hoje? Responda SAIR para não receber mais.",
            "Oi Bruno! Que tal uma Calabresa quentinha hoje? Responda SAIR para não receber mais.");
    assertThat(sample).allMatch(s -> s.path("personalisation").asText().equals("ai"));
    assertThat(platforms.whatsAppSentTo(phone("09910", 0))).as("a dry run sends nothing").isEmpty();

    String id = createAndRun(definition("09910"));

    assertThat(variablesSentTo(phone("09910", 0)))
        .isEqualTo(Map.of("1", "Ana", "2", "aquela Pizza de Calabresa de sempre"));
    assertThat(variablesSentTo(phone("09910", 1)))
        .isEqualTo(Map.of("1", "Bruno", "2", "uma Calabresa quentinha"));
    assertThat(personalisations(id)).containsOnly("ai");

    // The request Bedrock got: Converse with the tool forced, each variable's limit in its schema,
    // the customer's history as data, and no phone number, address or order id.
    LoggedRequest call =
        bedrock.findAll(postRequestedFor(urlPathMatching("/model/.+/converse"))).get(0);
    assertThat(call.getUrl()).isEqualTo("/model/" + MODEL.replace(":", "%3A") + "/converse");
    JsonNode body = JSON.readTree(call.getBodyAsString());
    JsonNode tool = body.path("toolConfig").path("tools").get(0).path("toolSpec");
    assertThat(tool.path("name").asText()).isEqualTo("fill_template_variables");
    assertThat(body.path("toolConfig").path("toolChoice").path("tool").path("name").asText())
        .isEqualTo("fill_template_variables");
    JsonNode schema = tool.path("inputSchema").path("json");
    assertThat(schema.path("properties").path("1").path("maxLength").asInt()).isEqualTo(20);
    assertThat(schema.path("properties").path("2").path("maxLength").asInt()).isEqualTo(40);
    assertThat(schema.path("required")).hasSize(2);
    String prompt = body.path("messages").get(0).path("content").get(0).path("text").asText();
    assertThat(prompt)
        .contains("Que tal {{2}} hoje?")
        .contains("orders: 1")
        .contains("usual item: Pizza de Calabresa")
        .contains("days since the last order: 12")
        .doesNotContain("+5511")
        .doesNotContain("09910")
        .doesNotContain("Rua Harmonia")
        .doesNotContain("Souza");
    assertThat(body.path("system").get(0).path("text").asText()).contains("pt-BR");
  }

  @Test
  @Order(2)
  void overTheLimitInvalidThrottledOrSlowTheDefaultsGoOut() throws Exception {
    customers("09920", "Carla", "Davi", "Elisa", "Fabio");
    // Carla: 41 characters for a variable of at most 40.
    claudeWritesFor("Carla", "{\"1\": \"Carla\", \"2\": \"" + "p".repeat(41) + "\"}");
    // Davi: a line break and a link, neither allowed in a WhatsApp template parameter.
    claudeWritesFor("Davi", "{\"1\": \"Davi\", \"2\": \"uma pizza\\nhttps://x.example\"}");
    // Elisa: Bedrock throttles.
    bedrock.stubFor(
        post(urlPathMatching("/model/.+/converse"))
            .withRequestBody(containing("first name: Elisa\\n"))
            .willReturn(throttled()));
    // Fabio: Bedrock answers after the 1 s timeout.
    bedrock.stubFor(
        post(urlPathMatching("/model/.+/converse"))
            .withRequestBody(containing("first name: Fabio\\n"))
            .willReturn(
                converse("tool_use", toolUse("fill_template_variables", "{\"1\": \"Fabio\"}"))
                    .withFixedDelay(2500)));

    String id = createAndRun(definition("09920"));

    Map<String, String> defaults = Map.of("1", "amigo", "2", "uma pizza");
    for (int i = 0; i < 4; i++) {
      assertThat(variablesSentTo(phone("09920", i))).as("customer %d", i).isEqualTo(defaults);
    }
    assertThat(personalisations(id))
        .containsExactlyInAnyOrder(
            "default:over-limit", "default:invalid", "default:throttled", "default:timeout");
    assertThat(api().campaign(id).path("recipients").path("sent").asInt()).isEqualTo(4);
  }

  private void customers(String cep, String... names) {
    CampaignCustomers customers = new CampaignCustomers(jdbc);
    Instant now = clock.instant();
    for (int i = 0; i < names.length; i++) {
      String phone = phone(cep, i);
      customers.customer(phone, names[i], now);
      customers.consent(phone, "OPT_IN", now.minusSeconds(60));
      customers.order("P" + cep + i, phone, cep + "-000", now.minus(Duration.ofDays(12)));
    }
  }

  private static String phone(String cep, int i) {
    return "+55119" + cep + "0" + i;
  }

  private static String definition(String cep) {
    return """
        {"name": "Volta da pizza",
         "segment": {"cepPrefixes": ["%s"]},
         "template": {"contentSid": "%s",
                      "text": "Oi {{1}}! Que tal {{2}} hoje? Responda SAIR para não receber mais.",
                      "variables": {"1": "amigo", "2": "uma pizza"},
                      "maxLengths": {"1": 20, "2": 40}},
         "ratePerMinute": 600,
         "personalise": true}
        """
        .formatted(cep, CONTENT_SID);
  }

  private String createAndRun(String definition) throws Exception {
    HttpResponse<String> created = api().post("/api/operator/campaigns", definition);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = JSON.readTree(created.body()).path("id").asText();
    assertThat(api().move(id, "start").statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> api().campaign(id).path("status").asText().equals("finished"));
    return id;
  }

  private Map<String, String> variablesSentTo(String phone) throws Exception {
    List<Map<String, String>> sent =
        platforms.whatsAppSentTo(phone).stream()
            .filter(form -> CONTENT_SID.equals(form.get("ContentSid")))
            .toList();
    assertThat(sent).as("one campaign message to %s", phone).hasSize(1);
    return JSON.readValue(
        sent.get(0).get("ContentVariables"),
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
  }

  private List<String> personalisations(String id) {
    return jdbc.sql("select personalisation from campaign_recipient where campaign_id = ?")
        .param(id)
        .query(String.class)
        .list();
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> nodes = new java.util.ArrayList<>();
    array.forEach(nodes::add);
    return nodes;
  }

  private OperatorApi api() {
    return new OperatorApi(port, OPERATOR_PASSWORD);
  }
}
