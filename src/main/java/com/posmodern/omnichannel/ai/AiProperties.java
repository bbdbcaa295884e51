package com.posmodern.omnichannel.ai;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Generative AI on Amazon Bedrock (Claude through the Converse API); off while no model is set.
 *
 * @param modelId model id or inference profile ({@code BEDROCK_MODEL_ID}, e.g. {@code
 *     us.anthropic.claude-sonnet-4-20250514-v1:0}); blank: AI off
 * @param region AWS region ({@code AWS_REGION})
 * @param endpoint Bedrock runtime endpoint override ({@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME}, the
 *     AWS SDKs' standard name), for a stub or a VPC endpoint; blank: the region's endpoint
 * @param accessKeyId static credentials; blank: the AWS default credentials chain
 * @param guardrailId Bedrock guardrail id or ARN ({@code BEDROCK_GUARDRAIL_ID}); blank: none
 * @param guardrailVersion the guardrail's version ({@code BEDROCK_GUARDRAIL_VERSION})
 * @param maxTokens the most tokens one answer may have
 * @param timeout how long one call may take before the deterministic flow answers instead
 * @param dailyTokenBudget tokens (in and out) per UTC day, all instances together; then AI is off
 *     until the next day
 * @param campaignBudgetShare campaign personalisation stops once the day's tokens reach this share
 *     of the budget (default 0.5), leaving the rest to conversations
 */
@ConfigurationProperties("omnichannel.ai")
public record AiProperties(
    String modelId,
    String region,
    String endpoint,
    String accessKeyId,
    String secretAccessKey,
    String guardrailId,
    String guardrailVersion,
    int maxTokens,
    Duration timeout,
    long dailyTokenBudget,
    double campaignBudgetShare) {

  public AiProperties {
    region = blank(region) ? "us-east-1" : region;
    guardrailVersion = blank(guardrailVersion) ? "DRAFT" : guardrailVersion;
    maxTokens = maxTokens <= 0 ? 512 : maxTokens;
    timeout = timeout == null ? Duration.ofSeconds(4) : timeout;
    campaignBudgetShare =
        campaignBudgetShare <= 0 || campaignBudgetShare > 1 ? 0.5 : campaignBudgetShare;
  }

  /** Whether a model is configured (credentials are checked at start-up). */
  public boolean configured() {
    return !blank(modelId);
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
