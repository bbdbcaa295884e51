package com.posmodern.omnichannel.marketing;

import java.time.Instant;
import java.util.Optional;

/**
 * Which WhatsApp campaign, if any, a customer's purchase is attributed to: the latest campaign
 * message sent to the conversation before it, within the attribution window. Campaigns answer it;
 * marketing only carries the answer in the Purchase event.
 */
public interface CampaignTouch {

  /** No campaigns. */
  CampaignTouch NONE = (conversationId, at) -> Optional.empty();

  /** The campaign id the conversation's purchase at this time is attributed to. */
  Optional<String> attributedAt(String conversationId, Instant at);
}
