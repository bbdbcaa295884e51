package com.posmodern.omnichannel.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.posmodern.omnichannel.privacy.MetaSignedRequest.InvalidSignedRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Meta's signed_request, with the vector of Facebook's PHP SDK tests (SignedRequestTest). */
class MetaSignedRequestTest {

  // facebookarchive/php-graph-sdk tests/SignedRequestTest.php: app secret "foo_app_secret"
  private static final String SDK_SIGNATURE = "U0_O1MqqNKUt32633zAkdd2Ce-jGVgRgJeRauyx_zC8=";
  private static final String SDK_PAYLOAD =
      "eyJvYXV0aF90b2tlbiI6ImZvb190b2tlbiIsImFsZ29yaXRobSI6IkhNQUMtU0hBMjU2IiwiaXNzdWVkX2F0IjozMjEsImNvZGUiOiJmb29fY29kZSIsInN0YXRlIjoiZm9vX3N0YXRlIiwidXNlcl9pZCI6MTIzLCJmb28iOiJiYXIifQ==";

  @Test
  void theSdksSignedRequestVerifiesWithItsSecret() {
    JsonNode payload =
        MetaSignedRequest.verify(
            SDK_SIGNATURE + "." + SDK_PAYLOAD, List.of("another-secret", "foo_app_secret"));

    assertThat(payload.path("user_id").asText()).isEqualTo("123");
    assertThat(payload.path("algorithm").asText()).isEqualTo("HMAC-SHA256");
  }

  @Test
  void theDocumentationsPayloadSignedWithUnpaddedBase64Verifies() {
    // Meta's documented payload {"algorithm","expires","issued_at","user_id":"218471"}, signed
    // with "appsecret" (computed with Python's hmac; Meta publishes no signature for it).
    JsonNode payload =
        MetaSignedRequest.verify(
            "N32LNcvDGXq0GI1jxm-tj1ysJh2uqkNIBcUhUmTp19k.eyJhbGdvcml0aG0iOiJITUFDLVNIQTI1NiIsImV4cGlyZXMiOjEyOTE4NDA0MDAsImlzc3VlZF9hdCI6MTI5MTgzNjgwMCwidXNlcl9pZCI6IjIxODQ3MSJ9",
            List.of("appsecret"));

    assertThat(payload.path("user_id").asText()).isEqualTo("218471");
  }

  @Test
  void aForgedOneIsRefusedAsForged() {
    assertThatThrownBy(
            () -> MetaSignedRequest.verify(SDK_SIGNATURE + "." + SDK_PAYLOAD, List.of("wrong")))
        .isInstanceOfSatisfying(
            InvalidSignedRequestException.class, e -> assertThat(e.forged()).isTrue());
    // the payload changed after signing
    String tampered = SDK_PAYLOAD.replace("MTIz", "MTI0");
    assertThatThrownBy(
            () ->
                MetaSignedRequest.verify(SDK_SIGNATURE + "." + tampered, List.of("foo_app_secret")))
        .isInstanceOf(InvalidSignedRequestException.class);
  }

  @Test
  void malformedOnesAreRefusedAsMalformed() {
    for (String bad : new String[] {null, "", "nodot", "sig.", "!!!.@@@"}) {
      assertThatThrownBy(() -> MetaSignedRequest.verify(bad, List.of("foo_app_secret")))
          .isInstanceOfSatisfying(
              InvalidSignedRequestException.class, e -> assertThat(e.forged()).isFalse());
    }
  }

  @Test
  void anotherAlgorithmIsRefused() {
    // {"algorithm":"NONE","user_id":"1"}
    String payload = "eyJhbGdvcml0aG0iOiJOT05FIiwidXNlcl9pZCI6IjEifQ";
    assertThatThrownBy(() -> MetaSignedRequest.verify("c2ln." + payload, List.of("x")))
        .hasMessageContaining("not HMAC-SHA256");
  }
}
