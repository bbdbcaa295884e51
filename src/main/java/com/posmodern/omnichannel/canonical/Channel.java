package com.posmodern.omnichannel.canonical;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * The messaging channels a customer can order through; the value carried by canonical messages and
 * replies.
 */
public enum Channel {
  WHATSAPP,
  MESSENGER,
  INSTAGRAM;

  /** The lower-case id used in JSON, queue attributes, conversation ids and URLs. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses an id such as {@code messenger}; rejects anything else with a message naming the valid
   * ids.
   */
  @JsonCreator
  public static Channel fromId(String id) {
    return Arrays.stream(values())
        .filter(channel -> channel.id().equalsIgnoreCase(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown channel '" + id + "', expected one of " + ids()));
  }

  /** The ids of every channel, comma-separated: {@code whatsapp, messenger, instagram}. */
  public static String ids() {
    return String.join(", ", Arrays.stream(values()).map(Channel::id).toList());
  }
}
