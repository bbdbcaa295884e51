package com.posmodern.omnichannel.canonical.reply;

/**
 * What became of one reply at the platform: accepted (with the platform's message id) or refused
 * for good (with the platform's error code and reason). Transient failures are not outcomes: they
 * are retried.
 *
 * @param sent whether the platform accepted it
 * @param platformMessageId the platform's id of the (last) message sent
 * @param errorCode the platform's error code of a refusal (Twilio 63016, Graph API 551, …) or
 *     {@code HTTP <status>}
 * @param detail the platform's reason for a refusal
 */
public record SendOutcome(boolean sent, String platformMessageId, String errorCode, String detail) {

  public static SendOutcome sent(String platformMessageId) {
    return new SendOutcome(true, platformMessageId, null, null);
  }

  public static SendOutcome refused(String errorCode, String detail) {
    return new SendOutcome(false, null, errorCode, detail);
  }

  /**
   * Combines the outcomes of the several requests one reply may need: the first refusal wins,
   * otherwise the last message sent. Used as the aggregation of the reply routes' splits.
   */
  public static SendOutcome combine(SendOutcome earlier, SendOutcome later) {
    if (earlier == null) {
      return later;
    }
    return earlier.sent() ? later : earlier;
  }
}
