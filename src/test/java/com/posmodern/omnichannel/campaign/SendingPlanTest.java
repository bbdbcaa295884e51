package com.posmodern.omnichannel.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendingPlanTest {

  private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

  private static CampaignDefinition campaign(int rate, String quietFrom, String quietTo) {
    return new CampaignDefinition(
        "Pizza de quinta",
        null,
        new CampaignDefinition.Template(
            "HX" + "0".repeat(32), Map.of("1", "Maria"), Map.of("1", 30)),
        new CampaignDefinition.Schedule(null, quietFrom, quietTo),
        rate,
        false);
  }

  @Test
  void quietHoursSpanningMidnightAreKeptInTheRestaurantsTimeZone() {
    SendingPlan plan = new SendingPlan(campaign(60, "21:00", "09:00"), SAO_PAULO);
    // 23:30 in São Paulo (UTC-3) is quiet; sending resumes at 09:00 local, 12:00 UTC.
    assertThat(plan.quiet(Instant.parse("2026-12-04T02:30:00Z"))).isTrue();
    assertThat(plan.nextAllowed(Instant.parse("2026-12-04T02:30:00Z")))
        .isEqualTo(Instant.parse("2026-12-04T12:00:00Z"));
    assertThat(plan.quiet(Instant.parse("2026-12-04T15:00:00Z"))).isFalse();
    assertThat(plan.nextAllowed(Instant.parse("2026-12-04T15:00:00Z")))
        .isEqualTo(Instant.parse("2026-12-04T15:00:00Z"));
  }

  @Test
  void theLastSendFollowsTheRateAndSkipsQuietHours() {
    SendingPlan plan = new SendingPlan(campaign(100, "21:00", "09:00"), SAO_PAULO);
    // 1,000 messages at 100 a minute: the last goes in the tenth minute.
    assertThat(plan.finish(Instant.parse("2026-12-04T15:00:00Z"), 1000))
        .isEqualTo(Instant.parse("2026-12-04T15:09:00Z"));
    // Starting at 20:55 local: five minutes, then quiet until 09:00, then the other five.
    assertThat(plan.finish(Instant.parse("2026-12-04T23:55:00Z"), 1000))
        .isEqualTo(Instant.parse("2026-12-05T12:04:00Z"));
    assertThat(new SendingPlan(campaign(100, null, null), SAO_PAULO).finish(Instant.EPOCH, 0))
        .isEqualTo(Instant.EPOCH);
  }

  @Test
  void aDefinitionThatCannotBeSentIsRefusedWithTheField() {
    assertThatThrownBy(() -> campaign(0, null, null)).hasMessageContaining("ratePerMinute");
    assertThatThrownBy(() -> campaign(10, "21:00", null)).hasMessageContaining("quietTo");
    assertThatThrownBy(() -> campaign(10, "25:00", "09:00")).hasMessageContaining("HH:mm");
    assertThatThrownBy(() -> new CampaignDefinition.Template("HX123", Map.of("1", "x"), Map.of()))
        .hasMessageContaining("contentSid");
    assertThatThrownBy(
            () ->
                new CampaignDefinition.Template(
                    "HX" + "a".repeat(32), Map.of("1", "Maria Aparecida"), Map.of("1", 5)))
        .hasMessageContaining("longer than its 5 characters");
    assertThatThrownBy(
            () -> new CampaignDefinition.Template("HX" + "a".repeat(32), Map.of("name", "x"), null))
        .hasMessageContaining("numbered");
  }
}
