package com.posmodern.omnichannel.ai;

import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * The validator's look at Bedrock: a tiny Converse call ("ping", one token out) that shows the
 * credentials, the region, the model id and the account's access to the model all work.
 */
public final class BedrockProbe {

  /** What the probe saw; {@code configured} false when AI is off. */
  public record Result(boolean configured, boolean ok, String evidence) {}

  private final AiProperties properties;
  private final BedrockRuntimeClient client;

  BedrockProbe(AiProperties properties, BedrockRuntimeClient client) {
    this.properties = properties;
    this.client = client;
  }

  /** Whether a model is configured (AI may still be off for want of credentials). */
  public boolean configured() {
    return properties.configured();
  }

  public Result probe() {
    if (!properties.configured()) {
      return new Result(false, false, "AI off: BEDROCK_MODEL_ID is not set");
    }
    long started = System.nanoTime();
    try {
      ConverseResponse response =
          client.converse(
              r ->
                  r.modelId(properties.modelId())
                      .messages(
                          Message.builder()
                              .role("user")
                              .content(ContentBlock.fromText("ping"))
                              .build())
                      .inferenceConfig(InferenceConfiguration.builder().maxTokens(1).build()));
      return new Result(
          true,
          true,
          "model "
              + properties.modelId()
              + " in "
              + properties.region()
              + " answered in "
              + (System.nanoTime() - started) / 1_000_000
              + " ms (stop reason "
              + response.stopReasonAsString()
              + ")");
    } catch (RuntimeException e) {
      return new Result(
          true, false, "model " + properties.modelId() + " in " + properties.region() + ": " + e);
    }
  }
}
