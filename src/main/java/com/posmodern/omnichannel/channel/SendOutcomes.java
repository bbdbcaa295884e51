package com.posmodern.omnichannel.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.canonical.reply.SendOutcome;
import java.io.IOException;

/**
 * Turns a platform's answer into a {@link SendOutcome}, or a {@link TransientSendException} when
 * worth retrying.
 */
public final class SendOutcomes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SendOutcomes() {}

  /** A platform's answer body as JSON; an empty object when it is empty or not JSON. */
  public static JsonNode json(String body) {
    try {
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

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
