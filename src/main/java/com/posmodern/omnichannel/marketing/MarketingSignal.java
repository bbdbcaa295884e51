package com.posmodern.omnichannel.marketing;

import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;

/**
 * A moment of the conversation worth an event, as the conversation notes it.
 *
 * @param eventKey a stable id for the event where another source may report the same action (the
 *     order code for a purchase, so the web menu's pixel can share it); null for an id derived from
 *     the customer message
 */
public record MarketingSignal(ConversationMoment moment, EventData data, String eventKey) {

  public static MarketingSignal of(ConversationMoment moment) {
    return new MarketingSignal(moment, EventData.none(), null);
  }

  public static MarketingSignal of(ConversationMoment moment, EventData data) {
    return new MarketingSignal(moment, data, null);
  }
}
