package com.posmodern.omnichannel.pos.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MenuTest {

  private final Menu menu =
      new Menu(
          new Menu.Restaurant("Cantina", "São Paulo", "America/Sao_Paulo"),
          List.of(new Menu.OpeningHours(List.of("FRI", "SAT"), "18:00", "02:00")),
          3000,
          List.of(
              new Menu.DeliveryZone(
                  "pinheiros",
                  "Pinheiros",
                  List.of(new Menu.CepRange("05400000", "05499999")),
                  690,
                  40)),
          List.of());

  @Test
  void isOpenWithinItsHoursIncludingAfterMidnight() {
    assertThat(menu.isOpen(ZonedDateTime.parse("2026-11-27T19:00:00-03:00[America/Sao_Paulo]")))
        .isTrue(); // Fri 19:00
    assertThat(menu.isOpen(ZonedDateTime.parse("2026-11-28T01:30:00-03:00[America/Sao_Paulo]")))
        .isTrue(); // Sat 01:30
    assertThat(menu.isOpen(ZonedDateTime.parse("2026-11-29T01:30:00-03:00[America/Sao_Paulo]")))
        .isTrue(); // Sun 01:30, Saturday's night
    assertThat(menu.isOpen(ZonedDateTime.parse("2026-11-30T01:30:00-03:00[America/Sao_Paulo]")))
        .isFalse(); // Mon 01:30: Sunday has no hours
    assertThat(menu.isOpen(ZonedDateTime.parse("2026-11-27T17:59:00-03:00[America/Sao_Paulo]")))
        .isFalse(); // Fri 17:59
    assertThat(menu.isOpen(ZonedDateTime.parse("2026-11-27T01:30:00-03:00[America/Sao_Paulo]")))
        .isFalse(); // Fri 01:30
    assertThat(menu.isOpen(ZonedDateTime.parse("2026-11-28T22:00:00Z")))
        .isTrue(); // Sat 19:00 in São Paulo
  }

  @Test
  void findsTheDeliveryZoneOfACep() {
    assertThat(menu.zoneFor("05435000"))
        .hasValueSatisfying(zone -> assertThat(zone.feeCents()).isEqualTo(690));
    assertThat(menu.zoneFor("01001000")).isEmpty();
  }
}
