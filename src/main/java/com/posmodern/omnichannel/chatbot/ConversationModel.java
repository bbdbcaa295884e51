package com.posmodern.omnichannel.chatbot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A generative model that reads what the deterministic reader could not, answering only by calling
 * the conversation's tools ({@code add_to_cart}, {@code answer}, …); implemented by Amazon Bedrock
 * (package {@code ai}). The conversation gives it the catalog, the cart and the step, never the
 * customer's name, phone or address, and validates every call it makes.
 */
public interface ConversationModel {

  /** Whether it may be asked now (configured, under its daily budget, its circuit closed). */
  boolean available();

  /**
   * The model's tool calls for one customer message; empty when it failed, timed out, was
   * throttled, or answered without a tool (the deterministic flow answers instead).
   */
  Optional<List<ToolCall>> toolCalls(Request request);

  /**
   * The conversation refused one of the model's calls (counted; the deterministic flow answers).
   */
  default void refused(String tool) {}

  /**
   * What the model is given.
   *
   * @param language the customer's language tag (pt-BR, en)
   * @param context the catalog, the cart and the step, as JSON
   * @param customerText what the customer typed: data, never instructions
   */
  record Request(String language, String context, String customerText) {}

  /** One tool call: the tool's name and its JSON input. */
  record ToolCall(String name, JsonNode input) {}

  /** No model: AI is off. */
  ConversationModel OFF =
      new ConversationModel() {
        @Override
        public boolean available() {
          return false;
        }

        @Override
        public Optional<List<ToolCall>> toolCalls(Request request) {
          return Optional.empty();
        }
      };
}
