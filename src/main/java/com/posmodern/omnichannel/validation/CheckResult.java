package com.posmodern.omnichannel.validation;

/**
 * The outcome of one check.
 *
 * @param id a stable dotted name, e.g. {@code whatsapp.credentials}
 * @param integration whatsapp, messenger, instagram, facebook-pixel, sqs, database, capabilities
 * @param evidence what was seen (a status code, an id, a count), never a secret
 * @param remediation what to do about a failure or warning; null when it passed
 */
public record CheckResult(
    String id,
    String integration,
    Status status,
    long durationMs,
    String evidence,
    String remediation) {

  /** PASS and WARN let the run pass; FAIL fails it; SKIPPED did not apply. */
  public enum Status {
    PASS,
    WARN,
    FAIL,
    SKIPPED
  }
}
