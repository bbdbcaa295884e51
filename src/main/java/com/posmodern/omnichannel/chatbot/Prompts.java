package com.posmodern.omnichannel.chatbot;

import static com.posmodern.omnichannel.chatbot.Payloads.CATEGORY;

import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import java.util.List;

/**
 * The questions the conversation comes back to from many steps: the greeting, the menu's
 * categories, and the "what now?" menu of the main options.
 */
final class Prompts {

  /** Welcomes the customer by first name when the channel gives one. */
  void greet(TurnContext turn) {
    String name = turn.conversation().customerName();
    String restaurant = turn.menu().restaurant().name();
    turn.say(
        name == null || name.isBlank()
            ? turn.texts().get("greeting.anonymous", restaurant)
            : turn.texts().get("greeting.named", firstName(name), restaurant));
  }

  /** The menu's categories as choices. */
  void offerCategories(TurnContext turn, String questionKey) {
    turn.ask(Step.BROWSING, turn.texts().get(questionKey), categoryChoices(turn));
    turn.state(turn.state().browsing(null, turn.state().offeredChoices()));
  }

  /** The main options: menu, cart, tracking, a person. */
  void offerMenu(TurnContext turn, String questionKey) {
    Texts texts = turn.texts();
    turn.ask(
        Step.BROWSING,
        texts.get(questionKey),
        List.of(
            new Choice("MENU", texts.get("choice.menu")),
            new Choice("CART", texts.get("choice.cart")),
            new Choice("TRACK", texts.get("choice.track")),
            new Choice("HUMAN", texts.get("choice.human"))));
  }

  /** After an order: follow it, cancel it, or talk to a person. */
  void offerAfterOrder(TurnContext turn) {
    Texts texts = turn.texts();
    turn.ask(
        Step.ORDERED,
        texts.get("order.next.question"),
        List.of(
            new Choice("TRACK", texts.get("choice.track")),
            new Choice("CANCEL", texts.get("choice.cancel.order")),
            new Choice("HUMAN", texts.get("choice.human"))));
  }

  static List<Choice> categoryChoices(TurnContext turn) {
    return turn.menu().categories().stream()
        .map(c -> new Choice(CATEGORY + c.id(), c.name()))
        .toList();
  }

  private static String firstName(String name) {
    return name.strip().split("\\s+")[0];
  }
}
