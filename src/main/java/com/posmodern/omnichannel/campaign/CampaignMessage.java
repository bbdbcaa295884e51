package com.posmodern.omnichannel.campaign;

import java.util.Map;

/**
 * What the channel sends for one campaign recipient: an approved template to a phone.
 *
 * @param phone E.164
 * @param contentSid the approved Content API template
 * @param variables its variables, numbered as in the template
 */
public record CampaignMessage(
    String campaignId,
    String conversationId,
    String phone,
    String contentSid,
    Map<String, String> variables) {}
