package com.posmodern.omnichannel.pos.orders;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an order is, as the POS reports it (after {@link #CONFIRMED}, which the customer sets). */
public enum OrderStatus {
  /**
   * The customer confirmed it; sent to the POS; not yet accepted (it can still be cancelled by the
   * customer).
   */
  CONFIRMED,
  ACCEPTED,
  PREPARING,
  OUT_FOR_DELIVERY,
  READY_FOR_PICKUP,
  DELIVERED,
  CANCELLED;

  /** The id used in JSON and by the POS: {@code out_for_delivery}. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a POS status id. */
  @JsonCreator
  public static OrderStatus fromId(String id) {
    return valueOf(id.strip().toUpperCase(Locale.ROOT));
  }

  /** Whether nothing will happen to the order any more. */
  public boolean finished() {
    return this == DELIVERED || this == CANCELLED;
  }
}
