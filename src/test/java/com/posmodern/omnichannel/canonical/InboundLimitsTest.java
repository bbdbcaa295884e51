package com.posmodern.omnichannel.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The storage and queue limits of an inbound message, against SQS's documented character set. */
class InboundLimitsTest {

  private static CanonicalMessage message(String id, String senderId, String name, String text) {
    return new CanonicalMessage(
        CanonicalMessage.SCHEMA_VERSION,
        id,
        Channel.MESSENGER,
        CanonicalMessage.conversationId(Channel.MESSENGER, "PAGE", senderId),
        "PAGE",
        new Sender(senderId, name, null),
        MessageKind.TEXT,
        text,
        null,
        List.of(),
        null,
        List.of(),
        0);
  }

  @Test
  void whatSqsAcceptsIsLeftAlone() {
    // #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF, a pizza emoji among them.
    String allowed = "a\tb\nc\rd \uD7FF\uE000\uFFFD🍕 çãé";
    CanonicalMessage admitted =
        InboundLimits.admit(message("m1", "900000000000005", "Maria", allowed));

    assertThat(admitted.text()).isEqualTo(allowed);
    assertThat(admitted.sanitized()).isFalse();
  }

  @Test
  void controlsAreRemovedAndWhatSqsRefusesIsReplacedAndSaid() {
    CanonicalMessage admitted =
        InboundLimits.admit(
            message(
                "m2",
                "900000000000005",
                "Ma\u0000ria\uDC00",
                "o\u0000i\u0007\u001F\uFFFE\uFFFF\uD800x\u007F"));

    assertThat(admitted.text()).isEqualTo("oi\uFFFD\uFFFD\uFFFDx");
    assertThat(admitted.sender().name()).isEqualTo("Maria\uFFFD");
    assertThat(admitted.sanitized()).isTrue();
    assertThat(CanonicalJson.write(admitted)).contains("\"sanitized\":true");
    assertThat(CanonicalJson.write(message("m3", "P", null, "oi"))).doesNotContain("sanitized");
  }

  @Test
  void idsMustBePrintableAsciiWithinTheirColumns() {
    assertThatThrownBy(() -> InboundLimits.admit(message("m\u0001", "900000000000005", null, "oi")))
        .isInstanceOf(InboundLimits.Refused.class)
        .hasMessage("the message id has a character outside printable ASCII");
    assertThatThrownBy(() -> InboundLimits.admit(message("m4", "1".repeat(129), null, "oi")))
        .hasMessage("the sender id is longer than 128 characters");
    assertThatThrownBy(
            () -> InboundLimits.admit(message("x".repeat(201), "900000000000005", null, "oi")))
        .hasMessage("the message id is longer than 200 characters");
    assertThatThrownBy(() -> InboundLimits.admit(message("m5", "", null, "oi")))
        .hasMessage("the sender id is missing");
  }

  @Test
  void aLongDisplayNameIsShortenedWithoutSplittingAnEmoji() {
    String name = "a".repeat(199) + "🍕🍕";

    CanonicalMessage admitted = InboundLimits.admit(message("m6", "900000000000005", name, "oi"));

    assertThat(admitted.sender().name()).isEqualTo("a".repeat(199));
  }
}
