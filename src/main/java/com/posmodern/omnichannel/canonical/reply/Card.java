package com.posmodern.omnichannel.canonical.reply;

import java.util.List;

/**
 * One card of a carousel: a picture, a title, a line under it, and what can be done with it.
 *
 * @param imageUrl public URL of the picture, or null
 * @param buttons the actions, in order (a tap comes back as the choice's payload)
 */
public record Card(String title, String subtitle, String imageUrl, List<Choice> buttons) {

  public Card {
    buttons = List.copyOf(buttons);
  }
}
