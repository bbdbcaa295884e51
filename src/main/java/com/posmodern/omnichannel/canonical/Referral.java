package com.posmodern.omnichannel.canonical;

/**
 * How the customer reached the conversation (ads, links, stories), kept for marketing attribution.
 *
 * @param source ADS, SHORTLINK, CUSTOMER_CHAT_PLUGIN, …
 * @param type OPEN_THREAD, …
 * @param ref the ref parameter of an m.me link
 * @param adId the ad id of a click-to-message ad
 * @param ctwaClid the click id of a click-to-WhatsApp ad, sent clear to the Conversions API
 * @param sourceUrl the ad or post URL
 */
public record Referral(
    String source, String type, String ref, String adId, String ctwaClid, String sourceUrl) {}
