package com.posmodern.omnichannel.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.platform.web.Hmac;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * Meta's {@code signed_request}: {@code base64url(signature) "." base64url(JSON payload)}, the
 * signature an HMAC-SHA256 of the encoded payload with the app secret
 * (https://developers.facebook.com/docs/development/create-an-app/app-dashboard/data-deletion-callback,
 * checked 2026-11-26). Verified in constant time against each configured app secret, with the
 * algorithm the payload names checked too (Meta's own sample skips both).
 */
public final class MetaSignedRequest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MetaSignedRequest() {}

  /** A signed request that is malformed or not signed by one of our apps. */
  public static class InvalidSignedRequestException extends RuntimeException {
    private final boolean forged;

    public InvalidSignedRequestException(String message) {
      this(message, false);
    }

    public InvalidSignedRequestException(String message, boolean forged) {
      super(message);
      this.forged = forged;
    }

    /** Well formed, but not signed by one of our apps. */
    public boolean forged() {
      return forged;
    }
  }

  /**
   * The verified payload.
   *
   * @throws InvalidSignedRequestException when malformed, of another algorithm, or forged
   */
  public static JsonNode verify(String signedRequest, List<String> appSecrets) {
    if (signedRequest == null || signedRequest.isBlank()) {
      throw new InvalidSignedRequestException("signed_request is missing");
    }
    int dot = signedRequest.indexOf('.');
    if (dot <= 0 || dot == signedRequest.length() - 1) {
      throw new InvalidSignedRequestException("signed_request is not signature.payload");
    }
    String encodedPayload = signedRequest.substring(dot + 1).strip();
    byte[] signature;
    JsonNode payload;
    try {
      signature = Base64.getUrlDecoder().decode(signedRequest.substring(0, dot).strip());
      payload = JSON.readTree(Base64.getUrlDecoder().decode(encodedPayload));
    } catch (IllegalArgumentException | IOException e) {
      throw new InvalidSignedRequestException("signed_request is not base64url JSON");
    }
    if (!"HMAC-SHA256".equalsIgnoreCase(payload.path("algorithm").asText())) {
      throw new InvalidSignedRequestException(
          "signed_request algorithm is not HMAC-SHA256: " + payload.path("algorithm").asText());
    }
    byte[] signed = encodedPayload.getBytes(StandardCharsets.US_ASCII);
    for (String secret : appSecrets) {
      if (secret != null
          && !secret.isBlank()
          && MessageDigest.isEqual(Hmac.sha256(secret, signed), signature)) {
        return payload;
      }
    }
    throw new InvalidSignedRequestException("signed_request signature does not match", true);
  }
}
