package com.posmodern.omnichannel.channel;

import com.posmodern.omnichannel.canonical.reply.ChoicesPart;

/**
 * The plain-text fallback for choices a channel cannot show as buttons: the question, then one
 * numbered line per option. The conversation engine maps a typed number back to the option.
 */
public final class NumberedChoices {

  private NumberedChoices() {}

  public static String text(ChoicesPart part) {
    StringBuilder text = new StringBuilder(part.text());
    for (int i = 0; i < part.choices().size(); i++) {
      text.append('\n').append(i + 1).append(". ").append(part.choices().get(i).title());
    }
    return text.toString();
  }
}
