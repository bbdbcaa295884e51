package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.MessageKind;
import com.posmodern.omnichannel.canonical.reply.Choice;
import java.util.ArrayList;
import java.util.List;

/**
 * A message nothing understood: says so, quoting it, and offers the categories, the cart and a
 * person; after too many in a row, hands the conversation to a person.
 */
final class Fallback {

  private final HandOver handOver;
  private final int handoffAfterMisunderstandings;

  Fallback(HandOver handOver, int handoffAfterMisunderstandings) {
    this.handOver = handOver;
    this.handoffAfterMisunderstandings = handoffAfterMisunderstandings;
  }

  void misunderstood(TurnContext turn) {
    turn.state(turn.state().notUnderstood());
    if (turn.state().misunderstood() >= handoffAfterMisunderstandings) {
      handOver.handOver(turn, true);
      return;
    }
    Texts texts = turn.texts();
    MessageKind kind = turn.message().kind();
    turn.say(
        kind == MessageKind.TEXT && !turn.input().isBlank()
            ? texts.get("fallback.text", quote(turn.input()))
            : kind == MessageKind.UNSUPPORTED
                ? texts.get("fallback.unsupported")
                : texts.get("fallback.other"));
    List<Choice> choices = new ArrayList<>(Prompts.categoryChoices(turn));
    if (!turn.state().cart().isEmpty()) {
      choices.add(new Choice("CART", texts.get("choice.cart")));
    }
    choices.add(new Choice("HUMAN", texts.get("choice.human")));
    turn.offer(turn.state().step(), texts.get("fallback.question"), choices);
  }

  private static String quote(String input) {
    String flat = input.replaceAll("\\s+", " ");
    return flat.length() <= 80 ? flat : flat.substring(0, 80) + "…";
  }
}
