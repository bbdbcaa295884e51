package com.posmodern.omnichannel.chatbot;

import java.util.List;

/**
 * Where a conversation stands, stored as JSON with the conversation so it survives restarts.
 *
 * @param step the last thing the bot asked or showed
 * @param category the category being browsed, if any
 * @param offeredChoices payloads of the options last offered, in order, so a typed number picks one
 */
public record ConversationState(Step step, String category, List<String> offeredChoices) {

  /** What the bot last did. */
  public enum Step {
    NEW,
    CATEGORIES,
    ITEMS
  }

  public ConversationState {
    offeredChoices = offeredChoices == null ? List.of() : List.copyOf(offeredChoices);
  }

  /** The state of a conversation that has just begun. */
  public static ConversationState start() {
    return new ConversationState(Step.NEW, null, List.of());
  }
}
