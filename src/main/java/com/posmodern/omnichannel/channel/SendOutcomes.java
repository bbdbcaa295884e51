package com.posmodern.omnichannel.channel;

import com.posmodern.omnichannel.canonical.reply.SendOutcome;

/**
 * Turns a platform's answer into a {@link SendOutcome}, or a {@link TransientSendException} when
 * worth retrying.
 */
public final class SendOutcomes {

  private SendOutcomes() {}

  /**
   * Classifies an error answer: 408, 429 and 5xx throw {@link TransientSendException} (retried with
   * backoff); any other status is a refusal, recorded and not retried.
   */
  public static SendOutcome refusalOrRetry(int httpStatus, String errorCode, String message) {
    if (httpStatus == 408 || httpStatus == 429 || httpStatus >= 500) {
      throw new TransientSendException(httpStatus, errorCode, message, null);
    }
    return SendOutcome.refused(errorCode != null ? errorCode : "HTTP " + httpStatus, message);
  }
}
