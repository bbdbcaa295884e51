package com.posmodern.omnichannel.canonical;

import org.slf4j.MDC;

/**
 * What logs may show of a customer: conversation ids ({@code channel:business:customer}) keep the
 * channel and the restaurant's own id, and only the end of the customer's phone number or scoped id
 * ({@code whatsapp:+14155238886:+55•••••••4321}), enough to follow one conversation through the log
 * lines without writing down who it is. Every step of a message logs with the masked id in the
 * {@value #MDC_KEY} MDC entry (the log pattern prints it).
 */
public final class LogMask {

  /** The MDC entry holding the masked conversation id of the message being handled. */
  public static final String MDC_KEY = "conversation";

  private LogMask() {}

  /** A conversation id with its customer part masked. */
  public static String conversation(String conversationId) {
    if (conversationId == null) {
      return "-";
    }
    int last = conversationId.lastIndexOf(':');
    if (last < 0) {
      return customer(conversationId);
    }
    return conversationId.substring(0, last + 1) + customer(conversationId.substring(last + 1));
  }

  /** A customer's phone or scoped id: its first three characters and last four. */
  public static String customer(String id) {
    if (id == null || id.isEmpty()) {
      return "-";
    }
    if (id.length() <= 6) {
      return "•".repeat(id.length());
    }
    int keepStart = id.startsWith("+") ? 3 : 0;
    return id.substring(0, keepStart)
        + "•".repeat(id.length() - keepStart - 4)
        + id.substring(id.length() - 4);
  }

  /**
   * A platform's message with any phone-number-like run of digits masked (Twilio quotes the number
   * it refused, e.g. error 21211).
   */
  public static String numbers(String text) {
    return text == null ? null : text.replaceAll("\\+?\\d[\\d ()-]{6,}\\d", "•••");
  }

  /** Puts the masked conversation id in the MDC; close the returned scope to remove it. */
  public static MDC.MDCCloseable scope(String conversationId) {
    return MDC.putCloseable(MDC_KEY, conversation(conversationId));
  }
}
