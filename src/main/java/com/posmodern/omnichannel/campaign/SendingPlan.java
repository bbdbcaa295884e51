package com.posmodern.omnichannel.campaign;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a campaign's sends fall: {@code ratePerMinute} a minute from its start, none during quiet
 * hours in the restaurant's time zone (sending resumes when they end).
 */
final class SendingPlan {

  private final int ratePerMinute;
  private final LocalTime quietFrom;
  private final LocalTime quietTo;
  private final ZoneId zone;

  SendingPlan(CampaignDefinition definition, ZoneId zone) {
    this.ratePerMinute = definition.ratePerMinute();
    this.quietFrom = definition.schedule().from();
    this.quietTo = definition.schedule().to();
    this.zone = zone;
  }

  /** Whether this moment is in quiet hours (which may span midnight, e.g. 21:00–09:00). */
  boolean quiet(Instant at) {
    if (quietFrom == null || quietFrom.equals(quietTo)) {
      return false;
    }
    LocalTime time = at.atZone(zone).toLocalTime();
    return quietFrom.isBefore(quietTo)
        ? !time.isBefore(quietFrom) && time.isBefore(quietTo)
        : !time.isBefore(quietFrom) || time.isBefore(quietTo);
  }

  /** The first moment from {@code at} that is not quiet. */
  Instant nextAllowed(Instant at) {
    if (!quiet(at)) {
      return at;
    }
    ZonedDateTime local = at.atZone(zone);
    ZonedDateTime end = local.with(quietTo);
    if (!end.isAfter(local)) {
      end = end.plusDays(1);
    }
    return end.toInstant();
  }

  /** When the last of {@code messages} sends go out, starting at {@code start}. */
  Instant finish(Instant start, long messages) {
    Instant at = nextAllowed(start);
    long left = messages;
    while (left > 0) {
      left -= ratePerMinute;
      if (left > 0) {
        at = nextAllowed(at.plus(Duration.ofMinutes(1)));
      }
    }
    return at;
  }
}
