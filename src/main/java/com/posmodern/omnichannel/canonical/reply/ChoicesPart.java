package com.posmodern.omnichannel.canonical.reply;

import java.util.List;

/**
 * A question with options: quick replies or buttons where the channel has them, a numbered list
 * otherwise.
 *
 * @param text the question
 * @param choices the options, in the order to show them
 */
public record ChoicesPart(String text, List<Choice> choices) implements ReplyPart {

  public ChoicesPart {
    choices = List.copyOf(choices);
  }
}
