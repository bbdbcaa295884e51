package com.posmodern.omnichannel.marketing;

/**
 * What one platform makes of an event: a request element to send (already normalised and hashed),
 * or the reason it skips it; with a note when it sends it differently from how it was asked (a name
 * or action source the platform takes instead).
 *
 * @param name the event name as sent
 * @param body the JSON element for the platform's batch, null when skipped
 * @param actionSource where the platform is told the action happened (Meta's action_source)
 */
public record Prepared(
    String name, String body, String actionSource, String note, String skipReason) {

  public static Prepared send(String name, String body, String actionSource, String note) {
    return new Prepared(name, body, actionSource, note, null);
  }

  public static Prepared skip(String name, String reason) {
    return new Prepared(name, null, null, null, reason);
  }

  public boolean skipped() {
    return skipReason != null;
  }
}
