package com.posmodern.omnichannel.channel;

/**
 * A send failure worth retrying (429, 5xx, timeouts, connection refused): the outbound error policy
 * redelivers it with exponential backoff, and after that the inbound message stays on the queue so
 * its replies are resent.
 */
public final class TransientSendException extends RuntimeException {

  private final int httpStatus;
  private final String errorCode;

  TransientSendException(int httpStatus, String errorCode, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** The call did not complete (connection refused, timeout). */
  public static TransientSendException unreachable(String message, Throwable cause) {
    return new TransientSendException(0, null, message, cause);
  }

  /** The HTTP status of the platform's answer, 0 when there was none. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The platform's own error code when it gave one. */
  public String errorCode() {
    return errorCode;
  }
}
