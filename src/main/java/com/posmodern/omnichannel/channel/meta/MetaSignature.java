package com.posmodern.omnichannel.channel.meta;

import com.posmodern.omnichannel.platform.web.Hmac;
import com.posmodern.omnichannel.platform.web.WebhookRejectedException;

/**
 * Meta's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw
 * body)>}
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads).
 * Computed over the bytes exactly as received, in which Meta escapes non-ASCII as {@code \\uXXXX};
 * compared in constant time.
 */
public final class MetaSignature {

  /** The header Meta signs with. */
  public static final String HEADER = "X-Hub-Signature-256";

  private static final String PREFIX = "sha256=";

  private MetaSignature() {}

  /** Rejects the body with 403 unless the header carries its signature under the app secret. */
  public static void verify(String appSecret, byte[] rawBody, String header) {
    if (header == null || header.isBlank()) {
      throw WebhookRejectedException.forbidden("missing " + HEADER);
    }
    if (!header.startsWith(PREFIX)) {
      throw WebhookRejectedException.forbidden(HEADER + " is not of the form sha256=<hex>");
    }
    String hex = header.substring(PREFIX.length()).trim();
    if (!hex.matches("[0-9a-fA-F]+")) {
      throw WebhookRejectedException.forbidden(HEADER + " is not hexadecimal");
    }
    if (!Hmac.matchesHex(appSecret, rawBody, hex)) {
      throw WebhookRejectedException.forbidden(HEADER + " does not match the body");
    }
  }

  /** The header value for a body: what Meta sends, and what tests and the validator sign with. */
  public static String sign(String appSecret, byte[] rawBody) {
    return PREFIX + Hmac.sha256Hex(appSecret, rawBody);
  }
}
