package com.posmodern.omnichannel.canonical;

import java.time.LocalDate;

/**
 * What a channel can show and when it may be written to, as its platform documents it (each limit
 * with the page it comes from and the day it was checked; the table is {@code
 * capabilities/channels.json}, read by {@link CapabilityTable}). The only way the conversation
 * engine learns about a channel, and the limits every renderer and the validator keep to. A null
 * part means the channel does not have that element.
 */
public record ChannelCapabilities(
    Channel channel,
    Text text,
    QuickReplies quickReplies,
    Cards cards,
    Buttons buttons,
    ListPicker list,
    Image image,
    Window window) {

  /** Text messages: a character limit, a UTF-8 byte limit, or both (0 means none). */
  public record Text(int maxChars, int maxUtf8Bytes, String source, LocalDate checked) {}

  /**
   * Quick replies (WhatsApp: Content API quick-reply buttons, whose body has its own limit; 0 means
   * the text limit applies).
   */
  public record QuickReplies(
      int max,
      int titleMaxChars,
      int payloadMaxChars,
      int bodyMaxChars,
      String source,
      LocalDate checked) {}

  /** A carousel of cards (Meta's generic template). */
  public record Cards(
      int maxElements,
      int titleMaxChars,
      int subtitleMaxChars,
      int maxButtons,
      int buttonTitleMaxChars,
      int buttonPayloadMaxChars,
      String source,
      LocalDate checked) {}

  /** A text with up to a few persistent buttons (Messenger's button template). */
  public record Buttons(
      int textMaxChars,
      int maxButtons,
      int titleMaxChars,
      int payloadMaxChars,
      String source,
      LocalDate checked) {}

  /** A list to pick from (WhatsApp: Content API list-picker). */
  public record ListPicker(
      int maxItems,
      int itemTitleMaxChars,
      int descriptionMaxChars,
      int buttonMaxChars,
      int idMaxChars,
      int bodyMaxChars,
      String source,
      LocalDate checked) {}

  /** Images by URL. */
  public record Image(long maxBytes, String source, LocalDate checked) {}

  /**
   * When the business may write: freely for {@code standardHours} after the customer's last
   * message; after that a person may answer for {@code humanAgentDays} (Meta's HUMAN_AGENT tag), or
   * only an approved template may be sent.
   */
  public record Window(
      int standardHours,
      int humanAgentDays,
      boolean templateOutsideWindow,
      String source,
      LocalDate checked) {}

  /** Longest text in characters (0: no character limit). */
  public int maxTextChars() {
    return text.maxChars();
  }

  /** Longest text in UTF-8 bytes (0: no byte limit). */
  public int maxTextUtf8Bytes() {
    return text.maxUtf8Bytes();
  }

  /** Most quick replies in one message (0: none; options become a numbered list). */
  public int maxQuickReplies() {
    return quickReplies == null ? 0 : quickReplies.max();
  }

  /** Longest quick-reply title. */
  public int maxChoiceTitleChars() {
    return quickReplies == null ? 0 : quickReplies.titleMaxChars();
  }

  /** Whether images can be sent. */
  public boolean images() {
    return image != null;
  }

  /** Most cards in one carousel (0: no carousels). */
  public int maxCards() {
    return cards == null ? 0 : cards.maxElements();
  }

  /** The day the oldest limit of this channel was last checked against its documentation. */
  public LocalDate oldestCheck() {
    return java.util.stream.Stream.of(
            text == null ? null : text.checked(),
            quickReplies == null ? null : quickReplies.checked(),
            cards == null ? null : cards.checked(),
            buttons == null ? null : buttons.checked(),
            list == null ? null : list.checked(),
            image == null ? null : image.checked(),
            window == null ? null : window.checked())
        .filter(java.util.Objects::nonNull)
        .min(LocalDate::compareTo)
        .orElseThrow();
  }

  /** The day each limit of this channel was last checked against its documentation. */
  public java.util.List<LocalDate> checkedDates() {
    java.util.List<LocalDate> dates = new java.util.ArrayList<>();
    if (text != null) {
      dates.add(text.checked());
    }
    if (quickReplies != null) {
      dates.add(quickReplies.checked());
    }
    if (cards != null) {
      dates.add(cards.checked());
    }
    if (buttons != null) {
      dates.add(buttons.checked());
    }
    if (list != null) {
      dates.add(list.checked());
    }
    if (image != null) {
      dates.add(image.checked());
    }
    if (window != null) {
      dates.add(window.checked());
    }
    dates.removeIf(java.util.Objects::isNull);
    return dates;
  }
}
