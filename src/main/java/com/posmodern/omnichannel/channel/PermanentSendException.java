package com.posmodern.omnichannel.channel;

/** A send the platform will never accept as it is (e.g. Twilio 63016 outside the window); recorded, not retried. */
public final class PermanentSendException extends SendFailedException {

  PermanentSendException(int httpStatus, String errorCode, String message) {
    super(httpStatus, errorCode, message, null);
  }
}
