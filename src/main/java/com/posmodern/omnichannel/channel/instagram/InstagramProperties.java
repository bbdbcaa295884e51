package com.posmodern.omnichannel.channel.instagram;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Instagram Direct settings, bound from {@code omnichannel.instagram.*}.
 *
 * @param accountId the professional account's Instagram id (IG_ID), the recipient of customers' DMs
 * @param appSecret key of X-Hub-Signature-256 on the Instagram webhook
 * @param accessToken Instagram user access token for the messaging API; absent means sandboxed
 * @param verifyToken the token Meta echoes in the subscription handshake
 */
@ConfigurationProperties("omnichannel.instagram")
public record InstagramProperties(
    String accountId, String appSecret, String accessToken, String verifyToken) {

  /** Whether real sends are configured. */
  public boolean live() {
    return accessToken != null && !accessToken.isBlank();
  }
}
