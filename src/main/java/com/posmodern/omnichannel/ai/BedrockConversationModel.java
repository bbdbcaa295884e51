package com.posmodern.omnichannel.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.chatbot.ConversationModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.bedrock.runtime.BedrockConstants;
import org.apache.camel.spi.CircuitBreakerConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;

/**
 * Claude on Amazon Bedrock as the conversation's model: one Converse call per message through the
 * {@code ai-converse} route (Camel's aws-bedrock component behind a circuit breaker), with the
 * system prompt and tools of {@code src/main/resources/ai}, the model forced to answer with a tool
 * ({@code toolChoice: any}). Counts tokens against the shared daily budget and records tokens,
 * latency and every fallback as metrics.
 */
final class BedrockConversationModel implements ConversationModel {

  private static final Logger log = LoggerFactory.getLogger(BedrockConversationModel.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AiProperties properties;
  private final ProducerTemplate camel;
  private final TokenBudget budget;
  private final MeterRegistry metrics;
  private final String systemPrompt;
  private final ToolConfiguration tools;

  BedrockConversationModel(
      AiProperties properties, ProducerTemplate camel, TokenBudget budget, MeterRegistry metrics) {
    this.properties = properties;
    this.camel = camel;
    this.budget = budget;
    this.metrics = metrics;
    this.systemPrompt = resource("ai/system-prompt.txt");
    this.tools = tools(resource("ai/tools.json"));
  }

  @Override
  public boolean available() {
    if (budget.left()) {
      return true;
    }
    outcome("over-budget");
    return false;
  }

  @Override
  public Optional<List<ToolCall>> toolCalls(Request request) {
    ConverseRequest.Builder converse =
        ConverseRequest.builder()
            .modelId(properties.modelId())
            .system(
                SystemContentBlock.fromText(systemPrompt.replace("{language}", request.language())))
            .messages(
                Message.builder()
                    .role("user")
                    .content(
                        ContentBlock.fromText("<catalog>\n" + request.context() + "\n</catalog>"),
                        ContentBlock.fromText(
                            "<customer_message>\n"
                                + asData(request.customerText())
                                + "\n</customer_message>"))
                    .build())
            .inferenceConfig(
                InferenceConfiguration.builder()
                    .maxTokens(properties.maxTokens())
                    .temperature(0f)
                    .build())
            .toolConfig(tools);
    if (!AiProperties.blank(properties.guardrailId())) {
      converse.guardrailConfig(
          GuardrailConfiguration.builder()
              .guardrailIdentifier(properties.guardrailId())
              .guardrailVersion(properties.guardrailVersion())
              .build());
    }
    Timer.Sample started = Timer.start(metrics);
    Exchange done = camel.send("direct:ai-converse", e -> e.getIn().setBody(converse.build()));
    started.stop(metrics.timer("omnichannel.ai.latency"));
    Message output =
        done.getMessage().getHeader(BedrockConstants.CONVERSE_OUTPUT_MESSAGE, Message.class);
    if (output == null) {
      outcome(failure(done));
      return Optional.empty();
    }
    TokenUsage usage =
        done.getMessage().getHeader(BedrockConstants.CONVERSE_USAGE, TokenUsage.class);
    if (usage != null) {
      metrics.counter("omnichannel.ai.tokens", "direction", "input").increment(usage.inputTokens());
      metrics
          .counter("omnichannel.ai.tokens", "direction", "output")
          .increment(usage.outputTokens());
      budget.spent(usage.inputTokens(), usage.outputTokens());
    }
    List<ToolCall> calls = new ArrayList<>();
    for (ContentBlock block : output.content()) {
      if (block.toolUse() != null) {
        calls.add(new ToolCall(block.toolUse().name(), Documents.json(block.toolUse().input())));
      }
    }
    outcome(calls.isEmpty() ? "no-tool" : "answered");
    return calls.isEmpty() ? Optional.empty() : Optional.of(calls);
  }

  @Override
  public void refused(String tool) {
    metrics.counter("omnichannel.ai.refused", "tool", tool).increment();
    outcome("refused");
  }

  /**
   * Why no answer came: the call failed (throttled, too slow, an error), or the circuit was open.
   */
  static String failure(Exchange done) {
    Throwable error = done.getMessage().getHeader("aiFailure", Throwable.class);
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ThrottlingException) {
        return "throttled";
      }
      if (cause instanceof ApiCallTimeoutException
          || cause instanceof ApiCallAttemptTimeoutException) {
        return "timeout";
      }
    }
    if (error != null) {
      log.warn("Bedrock call failed, answered without AI: {}", error.toString());
      return "error";
    }
    String state = done.getProperty(CircuitBreakerConstants.RESPONSE_STATE, String.class);
    return "OPEN".equals(state) || "FORCED_OPEN".equals(state) ? "circuit-open" : "error";
  }

  private void outcome(String outcome) {
    metrics.counter("omnichannel.ai.calls", "outcome", outcome).increment();
  }

  /** Customer text can never close the tag it is given in. */
  private static String asData(String text) {
    return text.replace("<", "‹").replace(">", "›");
  }

  private static ToolConfiguration tools(String json) {
    try {
      List<Tool> tools = new ArrayList<>();
      for (JsonNode tool : JSON.readTree(json)) {
        tools.add(
            Tool.fromToolSpec(
                ToolSpecification.builder()
                    .name(tool.path("name").asText())
                    .description(tool.path("description").asText())
                    .inputSchema(ToolInputSchema.fromJson(Documents.of(tool.path("inputSchema"))))
                    .build()));
      }
      return ToolConfiguration.builder()
          .tools(tools)
          .toolChoice(ToolChoice.fromAny(b -> {}))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in =
        BedrockConversationModel.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
