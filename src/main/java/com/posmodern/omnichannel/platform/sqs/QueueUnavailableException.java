package com.posmodern.omnichannel.platform.sqs;

/** SQS did not accept a message in time; webhooks answer 503 so the platform retries. */
public class QueueUnavailableException extends RuntimeException {

  public QueueUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
