package com.posmodern.omnichannel.canonical;

/** What a customer (or the platform) did, independent of the channel it came from. */
public enum MessageKind {
  /** Free text typed by the customer. */
  TEXT,
  /** A quick reply, button or list choice: {@code payload} carries what was chosen. */
  CHOICE,
  /** A postback from a template button or the persistent menu: {@code payload} carries it. */
  POSTBACK,
  /** A shared location. */
  LOCATION,
  /** Images, audio, video or files without text. */
  MEDIA,
  /**
   * Content the platform delivers without its content (Meta's {@code is_unsupported}: a sticker, a
   * GIF, a poll): answered with what the bot can read.
   */
  UNSUPPORTED,
  /** The customer arrived from an ad, a link or a story (click ids in {@code referral}). */
  REFERRAL,
  /** A reaction to an earlier message. */
  REACTION,
  /** The platform reports that our messages were delivered. Never answered. */
  DELIVERY,
  /** The platform reports that the customer read our messages. Never answered. */
  READ,
  /**
   * The platform reports that a message of ours it had accepted could not be delivered ({@code
   * payload}: its error code; {@code text}: the reason). Never answered.
   */
  FAILED,
  /** The platform echoes a message the business sent. Never answered. */
  ECHO,
  /** An event kind this version does not understand; recorded and never answered. */
  UNKNOWN;

  /** Whether the platform reports on our own messages (delivered, read, failed). */
  public boolean statusReport() {
    return this == DELIVERY || this == READ || this == FAILED;
  }

  /** Whether the conversation engine should answer a message of this kind. */
  public boolean answerable() {
    return switch (this) {
      case TEXT, CHOICE, POSTBACK, LOCATION, MEDIA, UNSUPPORTED, REFERRAL -> true;
      case REACTION, DELIVERY, READ, FAILED, ECHO, UNKNOWN -> false;
    };
  }
}
