package com.posmodern.omnichannel.campaign;

/**
 * One message to send, as it travels on {@code campaign-sends.fifo} (group = the customer's
 * conversation, deduplication = campaign and customer): only ids, the rest is read when it is sent.
 */
public record CampaignSend(String campaignId, String conversationId) {}
