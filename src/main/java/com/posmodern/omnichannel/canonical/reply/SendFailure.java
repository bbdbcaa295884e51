package com.posmodern.omnichannel.canonical.reply;

/** What a failed send reports, whatever the channel: the platform's error code and HTTP status, for the outbox. */
public interface SendFailure {

  /** The platform's own error code (Twilio 63016, Graph API 551, …), null when it gave none. */
  String errorCode();

  /** The HTTP status of the platform's answer, 0 when there was none. */
  int httpStatus();
}
