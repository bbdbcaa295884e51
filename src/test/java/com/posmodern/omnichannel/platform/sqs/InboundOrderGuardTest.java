package com.posmodern.omnichannel.platform.sqs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InboundOrderGuardTest {

  private final MutableClock clock = new MutableClock();
  private final MutableClock wall = new MutableClock();
  private final InboundOrderGuard guard =
      new InboundOrderGuard(clock, Duration.ofMinutes(2), Duration.ofSeconds(30), wall);
  private final Instant received = wall.instant();

  @Test
  void laterMessagesOfAConversationWaitBehindAFailedOne() {
    guard.failed("conversation-1", "sqs-1");

    assertThatThrownBy(() -> guard.check("conversation-1", "sqs-2", received))
        .isInstanceOf(InboundOrderGuard.OutOfOrderException.class)
        .hasMessageContaining("sqs-1");
    assertThatCode(() -> guard.check("conversation-2", "sqs-9", received))
        .doesNotThrowAnyException();
  }

  @Test
  void theFailedMessageItselfIsLetThroughAndItsSuccessEndsTheWait() {
    guard.failed("conversation-1", "sqs-1");

    assertThatCode(() -> guard.check("conversation-1", "sqs-1", received))
        .doesNotThrowAnyException();
    guard.succeeded("conversation-1", "sqs-1");
    assertThatCode(() -> guard.check("conversation-1", "sqs-2", received))
        .doesNotThrowAnyException();
  }

  @Test
  void theWaitEndsOnItsOwnAfterTheHoldTime() {
    guard.failed("conversation-1", "sqs-1");
    clock.advance(Duration.ofMinutes(3));

    assertThatCode(() -> guard.check("conversation-1", "sqs-2", received))
        .doesNotThrowAnyException();
  }

  @Test
  void aMessageThatWaitedPastItsVisibilityTimeoutIsLeftForRedelivery() {
    wall.advance(Duration.ofSeconds(26));
    assertThatCode(() -> guard.check("conversation-1", "sqs-1", received))
        .doesNotThrowAnyException();

    // 30 s visibility, 2 s margin: SQS may hand it to another consumer any moment now.
    wall.advance(Duration.ofSeconds(3));
    assertThatThrownBy(() -> guard.check("conversation-1", "sqs-1", received))
        .isInstanceOf(InboundOrderGuard.OutOfOrderException.class)
        .hasMessageContaining("visibility timeout");
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-25T12:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
