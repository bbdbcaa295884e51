package com.posmodern.omnichannel.channel.meta;

import com.posmodern.omnichannel.platform.web.WebhookRejectedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Meta's webhook verification handshake: {@code GET
 * ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…} is answered with the challenge when the
 * token is ours
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests).
 */
public final class MetaSubscription {

  private MetaSubscription() {}

  /** Returns the challenge to echo, or rejects with 403. */
  public static String verify(String mode, String token, String challenge, String expectedToken) {
    if (!"subscribe".equals(mode)) {
      throw WebhookRejectedException.forbidden("hub.mode must be subscribe");
    }
    if (token == null
        || !MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8),
            expectedToken.getBytes(StandardCharsets.UTF_8))) {
      throw WebhookRejectedException.forbidden("hub.verify_token does not match");
    }
    if (challenge == null || challenge.isBlank()) {
      throw WebhookRejectedException.malformed("hub.challenge is missing");
    }
    return challenge;
  }
}
