package com.posmodern.omnichannel.channel;

import com.posmodern.omnichannel.canonical.reply.Card;
import com.posmodern.omnichannel.canonical.reply.CardsPart;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;

/**
 * The plain-text fallback for choices a channel cannot show as buttons: the question, then one
 * numbered line per option. The conversation engine maps a typed number back to the option.
 */
public final class NumberedChoices {

  private NumberedChoices() {}

  /**
   * A carousel as a numbered list: one line per card action ("title — subtitle" for a card with one
   * action), then the list's own options, numbered on, in the order the conversation offered them.
   */
  public static String text(CardsPart part) {
    StringBuilder text = new StringBuilder();
    int number = 1;
    for (Card card : part.cards()) {
      for (Choice button : card.buttons()) {
        String line =
            card.buttons().size() == 1 ? card.title() : card.title() + ": " + button.title();
        if (card.subtitle() != null && !card.subtitle().isBlank() && card.buttons().size() == 1) {
          line += " — " + card.subtitle();
        }
        text.append(number == 1 ? "" : "\n").append(number++).append(". ").append(line);
      }
    }
    for (Choice choice : part.choices()) {
      text.append(number == 1 ? "" : "\n").append(number++).append(". ").append(choice.title());
    }
    return text.toString();
  }

  public static String text(ChoicesPart part) {
    StringBuilder text = new StringBuilder(part.text());
    for (int i = 0; i < part.choices().size(); i++) {
      text.append('\n').append(i + 1).append(". ").append(part.choices().get(i).title());
    }
    return text.toString();
  }
}
