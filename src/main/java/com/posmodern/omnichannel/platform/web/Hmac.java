package com.posmodern.omnichannel.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 (and Twilio's SHA-1) as webhook signatures use it, with constant-time comparison of
 * hex digests.
 */
public final class Hmac {

  private Hmac() {}

  /** HMAC-SHA256 of the bytes under the secret. */
  public static byte[] sha256(String secret, byte[] data) {
    return mac("HmacSHA256", secret, data);
  }

  /** HMAC-SHA1 of the bytes under the secret (Twilio's request signatures). */
  public static byte[] sha1(String secret, byte[] data) {
    return mac("HmacSHA1", secret, data);
  }

  private static byte[] mac(String algorithm, String secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(algorithm + " unavailable", e);
    }
  }

  /** Lower-case hex HMAC-SHA256. */
  public static String sha256Hex(String secret, byte[] data) {
    return HexFormat.of().formatHex(sha256(secret, data));
  }

  /** Whether a hex digest (any case) equals the HMAC of the data, compared in constant time. */
  public static boolean matchesHex(String secret, byte[] data, String hex) {
    byte[] given;
    try {
      given = HexFormat.of().parseHex(hex.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sha256(secret, data), given);
  }
}
