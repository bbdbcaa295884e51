package com.posmodern.omnichannel.routes;

import org.junit.jupiter.api.Test;

/**
 * The conversation evaluation set, {@code evaluation/conversations.txt}: what the deterministic
 * reader must understand, scored per category against {@code evaluation/floors.properties} (the
 * floors only go up); failures in {@code target/evaluation/conversations.txt}.
 */
class ConversationEvaluationTest extends ConversationEvaluationSupport {

  @Test
  void theBotUnderstandsItsCustomers() throws Exception {
    evaluate(
        "evaluation/conversations.txt", "evaluation/floors.properties", "conversations.txt", 300);
  }
}
