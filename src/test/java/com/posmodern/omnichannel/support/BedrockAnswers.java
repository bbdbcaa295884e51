package com.posmodern.omnichannel.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * The Bedrock runtime's Converse answers as AWS documents them, for WireMock stubs
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html): the output
 * message's content blocks, the stop reason, token usage; errors by {@code x-amzn-ErrorType}.
 */
public final class BedrockAnswers {

  private BedrockAnswers() {}

  /** A Converse answer with these content blocks (text or toolUse JSON). */
  public static ResponseDefinitionBuilder converse(String stopReason, String... blocks) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            """
            {"output": {"message": {"role": "assistant", "content": [%s]}},
             "stopReason": "%s",
             "usage": {"inputTokens": 2310, "outputTokens": 58, "totalTokens": 2368},
             "metrics": {"latencyMs": 612}}
            """
                .formatted(String.join(",", blocks), stopReason));
  }

  /** A toolUse content block calling the tool with this input (JSON). */
  public static String toolUse(String name, String input) {
    return """
        {"toolUse": {"toolUseId": "tooluse_%s", "name": "%s", "input": %s}}"""
        .formatted(Integer.toHexString(name.hashCode()), name, input);
  }

  /** The account's request rate is exceeded (HTTP 429, ThrottlingException). */
  public static ResponseDefinitionBuilder throttled() {
    return aResponse()
        .withStatus(429)
        .withHeader("Content-Type", "application/json")
        .withHeader(
            "x-amzn-ErrorType",
            "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/")
        .withBody("{\"message\": \"Too many requests, please wait before trying again.\"}");
  }
}
