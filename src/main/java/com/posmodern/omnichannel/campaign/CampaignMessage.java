package com.posmodern.omnichannel.campaign;

import java.util.Map;

/**
 * What the channel sends for one campaign recipient: an approved template to a phone.
 *
 * @param phone E.164
 * @param campaignName what operators call the campaign
 * @param template the approved Content API template
 * @param personalise whether Claude is to fill the variables for this customer
 * @param variables the template's variables, numbered as in the template
 * @param personalisation how the variables were chosen: null (the defaults, no personalisation
 *     asked), {@code ai}, or {@code default:<why>} when the defaults stood in (see {@link
 *     CampaignPersonaliser})
 */
public record CampaignMessage(
    String campaignId,
    String conversationId,
    String phone,
    String campaignName,
    CampaignDefinition.Template template,
    boolean personalise,
    Map<String, String> variables,
    String personalisation) {

  /** The approved template's Content SID ({@code HX…}). */
  public String contentSid() {
    return template.contentSid();
  }

  CampaignMessage personalised(Map<String, String> values, String outcome) {
    return new CampaignMessage(
        campaignId,
        conversationId,
        phone,
        campaignName,
        template,
        personalise,
        Map.copyOf(values),
        outcome);
  }
}
