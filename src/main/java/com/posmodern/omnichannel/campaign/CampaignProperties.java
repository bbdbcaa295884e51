package com.posmodern.omnichannel.campaign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How campaigns send, bound from {@code omnichannel.campaigns.*}.
 *
 * @param frequencyCap at most one campaign message per customer within this time, across campaigns
 *     ({@code CAMPAIGN_FREQUENCY_CAP}, default 7 days)
 * @param dispatchPeriodMs how often running campaigns queue their next messages
 * @param maxAttempts sends of one message that failed for a passing reason (Twilio 429/5xx,
 *     timeouts) before it is recorded as failed
 * @param unknownAfter a claimed message without an outcome after this long (the app died during the
 *     call) is recorded as unknown, never sent again
 * @param attributionWindow replies and orders within this time after a campaign message count for
 *     the campaign ({@code CAMPAIGN_ATTRIBUTION_WINDOW}, default 7 days); an order goes to the
 *     latest campaign message before it
 */
@ConfigurationProperties("omnichannel.campaigns")
public record CampaignProperties(
    Duration frequencyCap,
    long dispatchPeriodMs,
    int maxAttempts,
    Duration unknownAfter,
    Duration attributionWindow) {

  public CampaignProperties {
    frequencyCap = frequencyCap == null ? Duration.ofDays(7) : frequencyCap;
    dispatchPeriodMs = dispatchPeriodMs <= 0 ? 1000 : dispatchPeriodMs;
    maxAttempts = maxAttempts <= 0 ? 5 : maxAttempts;
    unknownAfter = unknownAfter == null ? Duration.ofMinutes(10) : unknownAfter;
    attributionWindow = attributionWindow == null ? Duration.ofDays(7) : attributionWindow;
  }
}
