package com.posmodern.omnichannel.channel.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.platform.web.WebhookRejectedException;
import com.posmodern.omnichannel.support.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetaSignatureTest {

  private static final String SECRET = "app-secret";

  @Test
  void signsWithHmacSha256AsInRfc4231TestCase2() {
    // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?"
    String header =
        MetaSignature.sign(
            "Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));

    assertThat(header)
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void acceptsTheSignatureOfTheRawBody() {
    byte[] body = Fixtures.bytes("messenger/text-accented.json");

    assertThatCode(() -> MetaSignature.verify(SECRET, body, MetaSignature.sign(SECRET, body)))
        .doesNotThrowAnyException();
  }

  @Test
  void verifiesAccentedTextEscapedTheWayMetaSendsIt() throws Exception {
    byte[] escaped = Fixtures.bytes("messenger/text-accented.json");
    String header = MetaSignature.sign(SECRET, escaped);
    // The same JSON re-serialised (accents as UTF-8, not \\uXXXX) is different bytes: it must not
    // verify.
    ObjectMapper json = new ObjectMapper();
    byte[] reserialised = json.writeValueAsBytes(json.readTree(escaped));

    assertThat(new String(escaped, StandardCharsets.US_ASCII))
        .contains("Ol\\u00e1")
        .contains("card\\u00e1pio");
    assertThatCode(() -> MetaSignature.verify(SECRET, escaped, header)).doesNotThrowAnyException();
    assertThatThrownBy(() -> MetaSignature.verify(SECRET, reserialised, header))
        .isInstanceOf(WebhookRejectedException.class);
  }

  @Test
  void rejectsATamperedBody() {
    byte[] body = Fixtures.bytes("messenger/text-accented.json");
    String header = MetaSignature.sign(SECRET, body);
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("900000000000005", "PSIX")
            .getBytes(StandardCharsets.UTF_8);

    assertRejected(() -> MetaSignature.verify(SECRET, tampered, header), "does not match");
  }

  @Test
  void rejectsTheWrongSecret() {
    byte[] body = Fixtures.bytes("messenger/text-accented.json");

    assertRejected(
        () -> MetaSignature.verify(SECRET, body, MetaSignature.sign("other", body)),
        "does not match");
  }

  @Test
  void rejectsMissingOrMalformedHeaders() {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

    assertRejected(() -> MetaSignature.verify(SECRET, body, null), "missing");
    assertRejected(() -> MetaSignature.verify(SECRET, body, "sha1=abc"), "sha256=");
    assertRejected(() -> MetaSignature.verify(SECRET, body, "sha256=not-hex"), "hexadecimal");
  }

  @Test
  void handshakeEchoesTheChallengeOnlyForOurToken() {
    assertThat(MetaSubscription.verify("subscribe", "meatyhamhock", "1158201444", "meatyhamhock"))
        .isEqualTo("1158201444");
    assertRejected(
        () -> MetaSubscription.verify("subscribe", "wrong", "1158201444", "meatyhamhock"),
        "verify_token");
    assertRejected(
        () -> MetaSubscription.verify("unsubscribe", "meatyhamhock", "1", "meatyhamhock"),
        "hub.mode");
  }

  private static void assertRejected(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
    assertThatThrownBy(call)
        .isInstanceOf(WebhookRejectedException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(((WebhookRejectedException) e).status()).isEqualTo(403));
  }
}
