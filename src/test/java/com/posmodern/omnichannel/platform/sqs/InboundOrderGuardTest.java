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
  private final InboundOrderGuard guard = new InboundOrderGuard(clock, Duration.ofMinutes(2));

  @Test
  void laterMessagesOfAConversationWaitBehindAFailedOne() {
    guard.failed("conversation-1", "sqs-1");

    assertThatThrownBy(() -> guard.checkInOrder("conversation-1", "sqs-2"))
        .isInstanceOf(InboundOrderGuard.OutOfOrderException.class)
        .hasMessageContaining("sqs-1");
    assertThatCode(() -> guard.checkInOrder("conversation-2", "sqs-9")).doesNotThrowAnyException();
  }

  @Test
  void theFailedMessageItselfIsLetThroughAndItsSuccessEndsTheWait() {
    guard.failed("conversation-1", "sqs-1");

    assertThatCode(() -> guard.checkInOrder("conversation-1", "sqs-1")).doesNotThrowAnyException();
    guard.succeeded("conversation-1", "sqs-1");
    assertThatCode(() -> guard.checkInOrder("conversation-1", "sqs-2")).doesNotThrowAnyException();
  }

  @Test
  void theWaitEndsOnItsOwnAfterTheHoldTime() {
    guard.failed("conversation-1", "sqs-1");
    clock.advance(Duration.ofMinutes(3));

    assertThatCode(() -> guard.checkInOrder("conversation-1", "sqs-2")).doesNotThrowAnyException();
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
