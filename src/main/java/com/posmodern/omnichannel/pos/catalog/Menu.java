package com.posmodern.omnichannel.pos.catalog;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The restaurant's catalog as the POS publishes it (the JSON contract is in the README): the
 * restaurant, its opening hours, delivery zones and minimum order, and what it sells by category.
 * Prices are integer centavos.
 *
 * @param restaurant name, city and time zone of the restaurant
 * @param hours when orders are taken, per day of the week
 * @param minimumOrderCents the smallest subtotal accepted (0: none)
 * @param deliveryZones where it delivers, with fees; empty means pickup only
 * @param categories what it sells, in display order
 */
public record Menu(
    Restaurant restaurant,
    List<OpeningHours> hours,
    long minimumOrderCents,
    List<DeliveryZone> deliveryZones,
    List<Category> categories) {

  public Menu {
    hours = hours == null ? List.of() : List.copyOf(hours);
    deliveryZones = deliveryZones == null ? List.of() : List.copyOf(deliveryZones);
    categories = categories == null ? List.of() : List.copyOf(categories);
  }

  /** Name and place shown to customers; the time zone its hours are in. */
  public record Restaurant(String name, String city, String timezone) {

    /** The restaurant's time zone, São Paulo when unset. */
    public ZoneId zone() {
      return ZoneId.of(timezone == null || timezone.isBlank() ? "America/Sao_Paulo" : timezone);
    }
  }

  /**
   * Opening hours on some days; {@code closes} before {@code opens} means after midnight.
   *
   * @param days MON, TUE, … SUN
   * @param opens local time, {@code HH:mm}
   * @param closes local time, {@code HH:mm}
   */
  public record OpeningHours(List<String> days, String opens, String closes) {}

  /**
   * A delivery area by postal code (CEP) range.
   *
   * @param cepRanges inclusive ranges of 8-digit CEPs
   * @param feeCents delivery fee
   * @param etaMinutes usual delivery time
   */
  public record DeliveryZone(
      String id, String name, List<CepRange> cepRanges, long feeCents, int etaMinutes) {

    public DeliveryZone {
      cepRanges = cepRanges == null ? List.of() : List.copyOf(cepRanges);
    }

    boolean covers(String cep) {
      return cepRanges.stream()
          .anyMatch(range -> range.from().compareTo(cep) <= 0 && cep.compareTo(range.to()) <= 0);
    }
  }

  /** An inclusive range of 8-digit CEPs. */
  public record CepRange(String from, String to) {}

  /** A section of the menu. */
  public record Category(String id, String name, String description, List<Item> items) {

    public Category {
      items = items == null ? List.of() : List.copyOf(items);
    }
  }

  /**
   * Something to order.
   *
   * @param priceCents the price when the item has no variants (otherwise each variant has its own)
   * @param aliases other words customers use for it ("coca" for Coca-Cola)
   * @param variants sizes or versions with their own prices (empty when there is only one)
   * @param addons priced extras that can be added
   */
  public record Item(
      String id,
      String name,
      String description,
      long priceCents,
      String imageUrl,
      boolean available,
      List<String> aliases,
      List<Variant> variants,
      List<Addon> addons) {

    public Item {
      aliases = aliases == null ? List.of() : List.copyOf(aliases);
      variants = variants == null ? List.of() : List.copyOf(variants);
      addons = addons == null ? List.of() : List.copyOf(addons);
    }

    /** The variant with this id. */
    public Optional<Variant> variant(String variantId) {
      return variants.stream().filter(v -> v.id().equals(variantId)).findFirst();
    }

    /** The add-on with this id. */
    public Optional<Addon> addon(String addonId) {
      return addons.stream().filter(a -> a.id().equals(addonId)).findFirst();
    }

    /** The lowest price a customer can pay for it. */
    public long fromPriceCents() {
      return variants.stream().mapToLong(Variant::priceCents).min().orElse(priceCents);
    }
  }

  /** A size or version of an item, with its own price and the words customers use for it. */
  public record Variant(String id, String name, long priceCents, List<String> aliases) {

    public Variant {
      aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
  }

  /** A priced extra, with the words customers use for it ("egg" for "Ovo"). */
  public record Addon(String id, String name, long priceCents, List<String> aliases) {

    public Addon {
      aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public Addon(String id, String name, long priceCents) {
      this(id, name, priceCents, List.of());
    }
  }

  /** The category with this id. */
  public Optional<Category> category(String id) {
    return categories.stream().filter(category -> category.id().equals(id)).findFirst();
  }

  /** The item with this id, in any category. */
  public Optional<Item> item(String id) {
    return categories.stream()
        .flatMap(c -> c.items().stream())
        .filter(i -> i.id().equals(id))
        .findFirst();
  }

  /** Every item, in menu order. */
  public List<Item> items() {
    return categories.stream().flatMap(c -> c.items().stream()).toList();
  }

  /** The zone delivering to this CEP (8 digits), if any. */
  public Optional<DeliveryZone> zoneFor(String cep) {
    return deliveryZones.stream().filter(zone -> zone.covers(cep)).findFirst();
  }

  /** Whether orders are taken at this moment (always, when no hours are published). */
  public boolean isOpen(ZonedDateTime when) {
    if (hours.isEmpty()) {
      return true;
    }
    ZonedDateTime local = when.withZoneSameInstant(restaurant.zone());
    LocalTime time = local.toLocalTime();
    DayOfWeek today = local.getDayOfWeek();
    DayOfWeek yesterday = today.minus(1);
    for (OpeningHours window : hours) {
      LocalTime opens = LocalTime.parse(window.opens());
      LocalTime closes = LocalTime.parse(window.closes());
      boolean overnight = closes.isBefore(opens) || closes.equals(opens);
      if (coversDay(window, today)
          && !time.isBefore(opens)
          && (overnight || time.isBefore(closes))) {
        return true;
      }
      if (overnight && coversDay(window, yesterday) && time.isBefore(closes)) {
        return true;
      }
    }
    return false;
  }

  private static boolean coversDay(OpeningHours window, DayOfWeek day) {
    String code = day.name().substring(0, 3).toUpperCase(Locale.ROOT);
    return window.days().stream().anyMatch(d -> d.equalsIgnoreCase(code));
  }
}
