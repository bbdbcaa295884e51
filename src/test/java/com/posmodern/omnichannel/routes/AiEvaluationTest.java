package com.posmodern.omnichannel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The AI evaluation set, {@code evaluation/ai-conversations.txt}: messages the deterministic reader
 * cannot read whole, through the real routes with the model on. In {@code ./mvnw verify} a WireMock
 * stub speaking the Converse API answers each case with its scripted tool calls: the plumbing
 * (request, validation, application) must hold, floors in {@code evaluation/ai-floors.properties}.
 * With {@code -Dai.evaluation=live} it runs against the real model configured in the environment
 * ({@code BEDROCK_MODEL_ID}, {@code AWS_REGION}, AWS credentials) and only reports the score, in
 * {@code target/evaluation/ai-live.txt}.
 */
// Its own app, closed after: its consumers must not take the shared end-to-end app's messages.
@DirtiesContext
class AiEvaluationTest extends ConversationEvaluationSupport {

  private static final boolean LIVE = "live".equals(System.getProperty("ai.evaluation"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final WireMockServer bedrock = new WireMockServer(options().dynamicPort());

  static {
    if (!LIVE) {
      bedrock.start();
    }
  }

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:ai-evaluation;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    if (LIVE) {
      return; // BEDROCK_MODEL_ID, AWS_REGION and the AWS credentials come from the environment
    }
    registry.add("omnichannel.ai.model-id", () -> "us.anthropic.claude-sonnet-4-20250514-v1:0");
    registry.add("omnichannel.ai.endpoint", bedrock::baseUrl);
    registry.add("omnichannel.ai.access-key-id", () -> "AKIDEXAMPLE");
    registry.add("omnichannel.ai.secret-access-key", () -> "evaluation-secret");
  }

  @AfterAll
  static void stop() {
    if (!LIVE) {
      bedrock.stop();
    }
  }

  /** The stub answers each case's message with the case's tool calls, as Converse JSON. */
  @Override
  protected void prepare(List<Case> cases) {
    if (LIVE) {
      return;
    }
    bedrock.stubFor(
        post(urlPathMatching("/model/.+/converse"))
            .atPriority(10)
            .willReturn(converse("end_turn", List.of("{\"text\": \"Como posso ajudar?\"}"))));
    for (Case c : cases) {
      if (c.script() == null) {
        continue;
      }
      try {
        List<String> blocks = new ArrayList<>();
        int n = 0;
        for (JsonNode call : JSON.readTree(c.script())) {
          blocks.add(
              "{\"toolUse\": {\"toolUseId\": \"tooluse_%d_%d\", \"name\": %s, \"input\": %s}}"
                  .formatted(
                      c.line(),
                      n++,
                      JSON.writeValueAsString(call.path("name").asText()),
                      call.path("input")));
        }
        String quoted = JSON.writeValueAsString(c.message().replace("<", "‹").replace(">", "›"));
        bedrock.stubFor(
            post(urlPathMatching("/model/.+/converse"))
                .withRequestBody(containing(quoted.substring(1, quoted.length() - 1)))
                .willReturn(converse("tool_use", blocks)));
      } catch (Exception e) {
        throw new IllegalArgumentException("line " + c.line() + ": " + c.script(), e);
      }
    }
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder converse(
      String stopReason, List<String> blocks) {
    return aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody(
            """
            {"output": {"message": {"role": "assistant", "content": [%s]}}, "stopReason": "%s",
             "usage": {"inputTokens": 2400, "outputTokens": 60, "totalTokens": 2460},
             "metrics": {"latencyMs": 700}}
            """
                .formatted(String.join(",", blocks), stopReason));
  }

  @Test
  void theModelsAnswersAreCheckedAndApplied() throws Exception {
    evaluate(
        "evaluation/ai-conversations.txt",
        LIVE ? null : "evaluation/ai-floors.properties",
        LIVE ? "ai-live.txt" : "ai-stub.txt",
        100);
  }
}
