package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import java.util.regex.Pattern;

/**
 * What a customer says in between, that answers no question and orders nothing: a question about
 * the restaurant (hours, delivery), a complaint ("a pizza chegou fria"), or, while typing checkout
 * details, any other question. It is answered, and the question the bot was waiting on is asked
 * again, so a complaint is never read as an order and a question never stored as a street.
 */
final class Asides {

  /** A complaint about food or service, never an order ("a feijoada chegou morna"). */
  private static final Pattern COMPLAINT =
      Pattern.compile(
          "\\b(chegou|veio|vieram|tava|estava|ta|esta|ficou)( (muito|bem|meio|tudo|todo|toda|super|completamente))?"
              + " (frio|fria|frios|frias|morno|morna|errado|errada|cru|crua|queimado|queimada|salgado|salgada|ruim"
              + "|amassado|amassada|faltando|atrasado|atrasada|revirado|revirada|estragado|estragada|azedo|azeda)\\b"
              + "|\\bdemor(ou|ando|ado|a muito)\\b|\\bpessim[oa]\\b|\\bhorrivel\\b|\\breclama(r|cao)\\b"
              + "|\\bfaltou\\b|\\bveio sem\\b|\\bnao gostei\\b|\\bdecepcionad[oa]\\b"
              + "|\\b(arrived|was) (cold|wrong|late)\\b|\\bcomplain(t)?\\b");

  private final RestaurantQuestions restaurant;

  Asides(RestaurantQuestions restaurant) {
    this.restaurant = restaurant;
  }

  /** Answers the typed message when it is an aside; false otherwise (nothing said). */
  boolean answer(TurnContext turn) {
    Step step = turn.state().step();
    // At the rating and the comment, what the customer says is their feedback: those steps read it.
    // A person, tracking or cancelling asked for in the same breath wins; so does an order ("oi,
    // estão abertos? queria 2 pizzas"), which the conversation reads as usual.
    if (turn.isPayload()
        || step == Step.RATING
        || step == Step.COMMENT
        || GlobalIntents.isCommand(turn.normalized())
        || (!typingDetails(step) && turn.reading().understoodAnything())) {
      return false;
    }
    if (restaurant.answer(turn)) {
      return true;
    }
    if (COMPLAINT.matcher(turn.normalized()).find()) {
      turn.say(turn.texts().get("complaint.sorry"));
      return true;
    }
    if (typingDetails(step) && isQuestion(turn.input())) {
      turn.say(turn.texts().get("details.question.aside", turn.input().strip()));
      return true;
    }
    return false;
  }

  /** While the customer types a name, phone or address, where any text could be the answer. */
  static boolean typingDetails(Step step) {
    return step.ordinal() >= Step.NAME.ordinal() && step.ordinal() <= Step.NEIGHBOURHOOD.ordinal();
  }

  /** A question of a few words ("posso pagar com vale refeição?"), not "Rua Harmonia". */
  private static boolean isQuestion(String typed) {
    String text = typed.strip();
    return text.endsWith("?") && text.split("\\s+").length >= 2;
  }
}
