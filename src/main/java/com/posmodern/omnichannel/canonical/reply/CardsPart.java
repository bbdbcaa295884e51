package com.posmodern.omnichannel.canonical.reply;

import java.util.List;

/**
 * A carousel of cards (Meta's generic template), followed by options about the whole list ("ver
 * mais", "outras categorias"). Channels without carousels show it as a numbered list.
 *
 * @param cards in order; the engine sends at most what the channel shows at once and pages the rest
 * @param choices options shown with the carousel (quick replies where available)
 */
public record CardsPart(List<Card> cards, List<Choice> choices) implements ReplyPart {

  public CardsPart {
    cards = List.copyOf(cards);
    choices = List.copyOf(choices);
  }
}
