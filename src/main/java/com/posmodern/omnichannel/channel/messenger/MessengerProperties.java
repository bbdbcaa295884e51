package com.posmodern.omnichannel.channel.messenger;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Facebook Messenger settings, bound from {@code omnichannel.messenger.*}.
 *
 * @param pageId the Facebook Page that receives the messages (part of the conversation id)
 * @param appId the Meta app id (used by the validator and the data-deletion callback)
 * @param appSecret key of X-Hub-Signature-256 on the Messenger webhook
 * @param accessToken Page access token for the Send API; absent means the channel sends to the
 *     sandbox
 * @param verifyToken the token Meta echoes in the subscription handshake
 */
@ConfigurationProperties("omnichannel.messenger")
public record MessengerProperties(
    String pageId, String appId, String appSecret, String accessToken, String verifyToken) {

  /** Whether real sends are configured. */
  public boolean live() {
    return accessToken != null && !accessToken.isBlank();
  }
}
