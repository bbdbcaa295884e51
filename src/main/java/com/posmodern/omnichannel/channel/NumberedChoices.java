package com.posmodern.omnichannel.channel;

import com.posmodern.omnichannel.canonical.reply.Card;
import com.posmodern.omnichannel.canonical.reply.CardsPart;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import java.util.List;

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
    if (!part.choices().isEmpty()) {
      text.append(number == 1 ? "" : "\n").append(lines(part.choices(), number));
    }
    return text.toString();
  }

  /**
   * One numbered line per option, numbered from {@code first}: the options under a carousel whose
   * cards took the numbers before them.
   */
  public static String lines(List<Choice> choices, int first) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < choices.size(); i++) {
      text.append(i == 0 ? "" : "\n").append(first + i).append(". ").append(choices.get(i).title());
    }
    return text.toString();
  }

  /** How many numbers the cards' own actions take before the list's options. */
  public static int cardActions(CardsPart part) {
    return part.cards().stream().mapToInt(card -> card.buttons().size()).sum();
  }

  public static String text(ChoicesPart part) {
    StringBuilder text = new StringBuilder(part.text());
    for (int i = 0; i < part.choices().size(); i++) {
      text.append('\n').append(i + 1).append(". ").append(part.choices().get(i).title());
    }
    return text.toString();
  }
}
