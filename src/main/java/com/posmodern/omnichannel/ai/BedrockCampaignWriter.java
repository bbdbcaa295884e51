package com.posmodern.omnichannel.ai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.posmodern.omnichannel.campaign.CampaignWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.bedrock.runtime.BedrockConstants;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;

/**
 * Claude on Amazon Bedrock writes a campaign template's variables for one customer: one Converse
 * call through the {@code ai-campaign-write} route (its own circuit breaker, so a throttled
 * campaign does not turn AI off for conversations), the model forced to answer with the {@value
 * #TOOL} tool, whose schema gives each variable's length limit. Tokens count against the shared
 * daily budget. What comes back is only a draft: {@code CampaignPersonaliser} checks it.
 */
final class BedrockCampaignWriter implements CampaignWriter {

  static final String TOOL = "fill_template_variables";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final AiProperties properties;
  private final ProducerTemplate camel;
  private final TokenBudget budget;
  private final MeterRegistry metrics;
  private final String systemPrompt;

  BedrockCampaignWriter(
      AiProperties properties, ProducerTemplate camel, TokenBudget budget, MeterRegistry metrics) {
    this.properties = properties;
    this.camel = camel;
    this.budget = budget;
    this.metrics = metrics;
    this.systemPrompt = BedrockCalls.resource("ai/campaign-prompt.txt");
  }

  @Override
  public Draft write(Brief brief) {
    if (!budget.left()) {
      return Draft.failed("over-budget");
    }
    ConverseRequest.Builder converse =
        ConverseRequest.builder()
            .modelId(properties.modelId())
            .system(
                SystemContentBlock.fromText(systemPrompt.replace("{language}", brief.language())))
            .messages(
                Message.builder().role("user").content(ContentBlock.fromText(input(brief))).build())
            .inferenceConfig(
                InferenceConfiguration.builder()
                    .maxTokens(properties.maxTokens())
                    .temperature(0.5f)
                    .build())
            .toolConfig(
                ToolConfiguration.builder()
                    .tools(tool(brief))
                    .toolChoice(
                        ToolChoice.fromTool(SpecificToolChoice.builder().name(TOOL).build()))
                    .build());
    BedrockCalls.guardrail(converse, properties);
    Exchange done =
        camel.send("direct:ai-campaign-write", e -> e.getIn().setBody(converse.build()));
    Message output =
        done.getMessage().getHeader(BedrockConstants.CONVERSE_OUTPUT_MESSAGE, Message.class);
    if (output == null) {
      return Draft.failed(BedrockCalls.failure(done));
    }
    BedrockCalls.countTokens(done, metrics, budget);
    for (ContentBlock block : output.content()) {
      if (block.toolUse() != null && TOOL.equals(block.toolUse().name())) {
        Map<String, String> values = new LinkedHashMap<>();
        Documents.json(block.toolUse().input())
            .fields()
            .forEachRemaining(
                field ->
                    values.put(
                        field.getKey(),
                        field.getValue().isTextual() ? field.getValue().asText() : ""));
        return Draft.of(values);
      }
    }
    return Draft.failed("no-tool");
  }

  /** The tool's schema: one string per variable, within its limit. */
  private static Tool tool(Brief brief) {
    ObjectNode schema = NODES.objectNode().put("type", "object");
    ObjectNode variables = schema.putObject("properties");
    var required = schema.putArray("required");
    for (String key : new TreeMap<>(brief.defaults()).keySet()) {
      variables
          .putObject(key)
          .put("type", "string")
          .put("maxLength", brief.maxLengths().get(key))
          .put("description", "The value of {{" + key + "}}");
      required.add(key);
    }
    schema.put("additionalProperties", false);
    return Tool.fromToolSpec(
        ToolSpecification.builder()
            .name(TOOL)
            .description("Gives the value of each variable of the approved template")
            .inputSchema(ToolInputSchema.fromJson(Documents.of(schema)))
            .build());
  }

  /** What Claude reads: the template and the customer, as data in tags nothing can close. */
  private static String input(Brief brief) {
    StringBuilder text = new StringBuilder();
    text.append("<campaign>").append(data(brief.campaign())).append("</campaign>\n");
    text.append("<template>")
        .append(
            brief.templateText() == null
                ? "(not given: only the variables and their default values are known)"
                : data(brief.templateText()))
        .append("</template>\n<variables>\n");
    new TreeMap<>(brief.defaults())
        .forEach(
            (key, value) ->
                text.append("{{")
                    .append(key)
                    .append("}}: at most ")
                    .append(brief.maxLengths().get(key))
                    .append(" characters; default: ")
                    .append(data(value))
                    .append('\n'));
    text.append("</variables>\n<customer>\n");
    if (brief.firstName() != null) {
      text.append("first name: ").append(data(brief.firstName())).append('\n');
    }
    text.append("orders: ").append(brief.orders()).append('\n');
    if (brief.daysSinceLastOrder() != null) {
      text.append("days since the last order: ").append(brief.daysSinceLastOrder()).append('\n');
    }
    if (brief.favouriteCategory() != null) {
      text.append("favourite category: ").append(data(brief.favouriteCategory())).append('\n');
    }
    if (brief.usualItem() != null) {
      text.append("usual item: ").append(data(brief.usualItem())).append('\n');
    }
    return text.append("</customer>").toString();
  }

  private static String data(String text) {
    return text == null ? "" : text.replace("<", "‹").replace(">", "›");
  }
}
