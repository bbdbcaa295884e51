package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import java.util.Set;

/**
 * Reads the customer's answer to the question of one or more steps of the conversation (the size of
 * a pizza, the CEP, the payment method, the rating, …). {@link ConversationEngine} gives each
 * message to the handler of the conversation's current step.
 */
interface StepHandler {

  /** The steps whose answers this handler reads; no two handlers share one. */
  Set<Step> steps();

  /**
   * Handles the message as the answer to the current step's question.
   *
   * @return false when the message is not such an answer (the engine then tries a typed order, then
   *     says it did not understand)
   */
  boolean answer(TurnContext turn);

  /**
   * Asks the current step's question again, after the customer asked or said something else in
   * between ("vocês estão abertos?" while the bot waits for the CEP).
   *
   * @return false when this step has no question to ask again (the engine offers the main options)
   */
  default boolean askAgain(TurnContext turn) {
    return false;
  }
}
