package com.posmodern.omnichannel.canonical;

import java.util.ArrayList;
import java.util.List;

/**
 * What every inbound canonical message must satisfy before its webhook is acknowledged: what the
 * database can store and the queue can carry. Ids are printable ASCII within their columns (an id
 * that is not is refused: the request is forged or broken, and acknowledging it would leave a
 * message that fails on every delivery); free text is made fit for SQS, which accepts only {@code
 * #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF}
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html):
 * control characters are removed and unpaired surrogates, U+FFFE and U+FFFF replaced with U+FFFD,
 * and the message says so ({@link CanonicalMessage#sanitized()}). Display names longer than their
 * column are shortened; nothing else is cut.
 */
public final class InboundLimits {

  /** A message that cannot be stored or queued; the message names the field, never its value. */
  public static final class Refused extends IllegalArgumentException {
    Refused(String reason) {
      super(reason);
    }
  }

  /** {@code processed_message.message_id}, {@code outbound_message.in_reply_to}: varchar(200). */
  static final int MESSAGE_ID = 200;

  /**
   * Business and customer ids: the conversation id {@code <channel>:<business>:<customer>} must fit
   * {@code conversation.id}, varchar(300).
   */
  static final int PARTY_ID = 128;

  /** {@code conversation.customer_name}: varchar(200). */
  static final int NAME = 200;

  /** {@code conversation.customer_phone}: varchar(40). */
  static final int PHONE = 40;

  /**
   * A payload is one we sent as a quick reply or button; Messenger allows 1,000 characters
   * (https://developers.facebook.com/docs/messenger-platform/send-messages/quick-replies).
   */
  static final int PAYLOAD = 1000;

  /**
   * Attachments of one message: a bound on the work of one request, well above what a customer
   * sends (Twilio delivers at most 10 media per message; a Messenger album is a few photos).
   */
  static final int ATTACHMENTS = 100;

  /** Message ids a delivery or read report may name. */
  static final int RELATED_IDS = 1000;

  /** {@code referral.ctwa_clid} varchar(500), {@code ad_id} varchar(200), {@code source} (60). */
  static final int CTWA_CLID = 500;

  static final int AD_ID = 200;
  static final int SOURCE = 60;

  /** URLs (media, ad source): the common 2,048-character bound of browsers and CDNs. */
  static final int URL = 2048;

  private InboundLimits() {}

  /**
   * The message as it may be queued (text made SQS-safe, names shortened).
   *
   * @throws Refused when an id is empty, too long or not printable ASCII, or a bound is exceeded
   */
  public static CanonicalMessage admit(CanonicalMessage message) {
    Cleaning cleaning = new Cleaning();
    id("message id", message.messageId(), MESSAGE_ID);
    id("business id", message.businessId(), PARTY_ID);
    Sender sender = message.sender();
    if (sender == null) {
      throw new Refused("the sender is missing");
    }
    id("sender id", sender.id(), PARTY_ID);
    if (sender.phone() != null) {
      id("sender phone", sender.phone(), PHONE);
    }
    if (message.attachments().size() > ATTACHMENTS) {
      throw new Refused("more than " + ATTACHMENTS + " attachments");
    }
    if (message.relatedMessageIds().size() > RELATED_IDS) {
      throw new Refused("more than " + RELATED_IDS + " related message ids");
    }
    List<String> related = new ArrayList<>();
    for (String id : message.relatedMessageIds()) {
      if (id != null && !id.isEmpty()) {
        id("related message id", id, MESSAGE_ID);
        related.add(id);
      }
    }
    String payload = cleaning.text(message.payload());
    if (payload != null && payload.length() > PAYLOAD) {
      throw new Refused("the payload is longer than " + PAYLOAD + " characters");
    }
    List<Attachment> attachments = new ArrayList<>();
    for (Attachment attachment : message.attachments()) {
      attachments.add(
          new Attachment(
              bounded("attachment type", cleaning.text(attachment.type()), SOURCE),
              bounded("attachment url", cleaning.text(attachment.url()), URL),
              bounded("attachment content type", cleaning.text(attachment.mimeType()), NAME)));
    }
    Referral referral = message.referral();
    if (referral != null) {
      referral =
          new Referral(
              bounded("referral source", cleaning.text(referral.source()), SOURCE),
              bounded("referral type", cleaning.text(referral.type()), SOURCE),
              bounded("referral ref", cleaning.text(referral.ref()), PAYLOAD),
              bounded("referral ad id", cleaning.text(referral.adId()), AD_ID),
              bounded("referral ctwa_clid", cleaning.text(referral.ctwaClid()), CTWA_CLID),
              bounded("referral source url", cleaning.text(referral.sourceUrl()), URL));
    }
    Sender cleanSender =
        new Sender(sender.id(), shortened(cleaning.text(sender.name()), NAME), sender.phone());
    String text = cleaning.text(message.text());
    return new CanonicalMessage(
        message.schemaVersion(),
        message.messageId(),
        message.channel(),
        message.conversationId(),
        message.businessId(),
        cleanSender,
        message.kind(),
        text,
        payload,
        attachments,
        referral,
        related,
        message.platformTimestamp(),
        message.sanitized() || cleaning.changed);
  }

  /**
   * Text as SQS carries it: C0 controls other than tab, line feed and carriage return (and DEL)
   * removed; unpaired surrogates, U+FFFE and U+FFFF replaced with U+FFFD.
   */
  public static String sqsSafe(String text) {
    return new Cleaning().text(text);
  }

  private static void id(String field, String value, int max) {
    if (value == null || value.isEmpty()) {
      throw new Refused("the " + field + " is missing");
    }
    if (value.length() > max) {
      throw new Refused("the " + field + " is longer than " + max + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        throw new Refused("the " + field + " has a character outside printable ASCII");
      }
    }
  }

  private static String bounded(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new Refused("the " + field + " is longer than " + max + " characters");
    }
    return value;
  }

  /** At most {@code max} characters, never splitting a surrogate pair. */
  private static String shortened(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
    return value.substring(0, end);
  }

  /** Cleans text and remembers whether anything changed. */
  private static final class Cleaning {
    boolean changed;

    String text(String value) {
      if (value == null) {
        return null;
      }
      StringBuilder out = null;
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        String replacement = null;
        boolean drop = false;
        if (Character.isHighSurrogate(c)) {
          if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
            if (out != null) {
              out.append(c).append(value.charAt(i + 1));
            }
            i++;
            continue;
          }
          replacement = "\uFFFD";
        } else if (Character.isLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
          replacement = "\uFFFD";
        } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
          drop = true;
        }
        if (replacement == null && !drop) {
          if (out != null) {
            out.append(c);
          }
          continue;
        }
        if (out == null) {
          out = new StringBuilder(value.length());
          out.append(value, 0, i);
        }
        changed = true;
        if (!drop) {
          out.append(replacement);
        }
      }
      return out == null ? value : out.toString();
    }
  }
}
