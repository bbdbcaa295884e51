package com.posmodern.omnichannel.marketing;

import java.util.Optional;

/**
 * Which WhatsApp campaign, if any, a customer's order is attributed to: the latest campaign message
 * the customer got before placing it, within the attribution window. Campaigns answer it; marketing
 * only carries the answer in the Purchase event.
 */
public interface CampaignTouch {

  /** No campaigns. */
  CampaignTouch NONE = (conversationId, orderId) -> Optional.empty();

  /** The campaign id the conversation's order is attributed to. */
  Optional<String> attributedOrder(String conversationId, String orderId);
}
