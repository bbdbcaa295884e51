package com.posmodern.omnichannel.channel;

/**
 * What a simulated customer does in the sandbox's simulator: types a text, taps a quick reply
 * (chip), taps a button (a card's or a content template's), or picks an item of a list.
 *
 * @param customerId the customer as the platform knows them: an E.164 phone for WhatsApp, a PSID or
 *     IGSID for Messenger and Instagram
 * @param name the customer's profile name (WhatsApp sends it with each message)
 * @param text what was typed, or the title of what was tapped
 * @param payload the payload of what was tapped (null for typed text)
 */
public record CustomerAction(
    Kind kind, String customerId, String name, String text, String payload) {

  /** How the customer answered. */
  public enum Kind {
    TEXT,
    QUICK_REPLY,
    BUTTON,
    LIST_ITEM
  }

  /** Refuses an action the platform could not have sent. */
  public CustomerAction {
    if (kind == null) {
      throw new IllegalArgumentException("kind is required (TEXT, QUICK_REPLY, BUTTON, LIST_ITEM)");
    }
    if (customerId == null || customerId.isBlank()) {
      throw new IllegalArgumentException("customerId is required");
    }
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("text is required");
    }
    if (kind != Kind.TEXT && (payload == null || payload.isBlank())) {
      throw new IllegalArgumentException("a tapped " + kind + " needs its payload");
    }
    customerId = customerId.strip();
  }
}
