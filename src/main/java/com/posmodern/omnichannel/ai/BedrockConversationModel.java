package com.posmodern.omnichannel.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.chatbot.ConversationModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.bedrock.runtime.BedrockConstants;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
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
    this.systemPrompt = BedrockCalls.resource("ai/system-prompt.txt");
    this.tools = tools(BedrockCalls.resource("ai/tools.json"));
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
    BedrockCalls.guardrail(converse, properties);
    Timer.Sample started = Timer.start(metrics);
    Exchange done = camel.send("direct:ai-converse", e -> e.getIn().setBody(converse.build()));
    started.stop(metrics.timer("omnichannel.ai.latency"));
    Message output =
        done.getMessage().getHeader(BedrockConstants.CONVERSE_OUTPUT_MESSAGE, Message.class);
    if (output == null) {
      outcome(BedrockCalls.failure(done));
      return Optional.empty();
    }
    BedrockCalls.countTokens(done, metrics, budget);
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
}
