package com.posmodern.omnichannel.channel;

/** A send failure worth retrying (429, 5xx, timeouts); redelivered with exponential backoff. */
public final class TransientSendException extends SendFailedException {

  TransientSendException(int httpStatus, String errorCode, String message, Throwable cause) {
    super(httpStatus, errorCode, message, cause);
  }
}
