package com.posmodern.omnichannel.channel;

import com.posmodern.omnichannel.canonical.reply.SendFailure;

/**
 * A platform API refused or failed a send. The outbound error policy retries a {@link TransientSendException} with
 * backoff and records a {@link PermanentSendException} with its reason.
 */
public abstract sealed class SendFailedException extends RuntimeException implements SendFailure
    permits TransientSendException, PermanentSendException {

  private final int httpStatus;
  private final String errorCode;

  SendFailedException(int httpStatus, String errorCode, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** Classifies an HTTP answer: 408, 429 and 5xx are worth retrying, other errors are not. */
  public static SendFailedException fromStatus(int httpStatus, String errorCode, String message) {
    boolean retry = httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
    return retry
        ? new TransientSendException(httpStatus, errorCode, message, null)
        : new PermanentSendException(httpStatus, errorCode, message);
  }

  /** The call did not complete (connection refused, timeout): worth retrying. */
  public static SendFailedException unreachable(String message, Throwable cause) {
    return new TransientSendException(0, null, message, cause);
  }

  @Override
  public int httpStatus() {
    return httpStatus;
  }

  @Override
  public String errorCode() {
    return errorCode;
  }
}
