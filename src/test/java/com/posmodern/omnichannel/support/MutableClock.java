package com.posmodern.omnichannel.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A clock that runs like the real one but can be moved: tests set the restaurant's local time of
 * day (opening hours) without stopping time.
 */
public final class MutableClock extends Clock {

  private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

  private volatile Duration offset = Duration.ZERO;

  /** Moves the clock so that it is now this time of day in São Paulo, today. */
  public MutableClock at(LocalTime saoPauloTime) {
    ZonedDateTime now = ZonedDateTime.now(SAO_PAULO);
    ZonedDateTime target = now.with(saoPauloTime);
    offset = Duration.between(now, target);
    return this;
  }

  /** Moves the clock forward (or back, with a negative duration) from where it is. */
  public MutableClock plus(Duration duration) {
    offset = offset.plus(duration);
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
