package com.posmodern.omnichannel.pos.orders;

/**
 * An order status event on {@code pos-order-events.fifo}, from the POS (accepted, preparing,
 * out_for_delivery, ready_for_pickup, delivered, cancelled) or from a payment provider (paid). JSON
 * contract in the README.
 *
 * @param eventId unique per event: repeats are applied once
 * @param orderId the order code
 * @param status what happened
 * @param etaMinutes minutes until delivery or pickup, when the POS estimates it
 * @param reason free text for cancellations
 * @param reference the payment reference of a {@code paid} event
 */
public record PosOrderEvent(
    String eventId,
    String orderId,
    String status,
    Integer etaMinutes,
    String reason,
    String reference) {

  /** The status value of a payment confirmation. */
  public static final String PAID = "paid";

  /** Rejects events the consumer could not apply, with a message saying why. */
  public PosOrderEvent validated() {
    if (eventId == null || eventId.isBlank() || orderId == null || orderId.isBlank()) {
      throw new IllegalArgumentException("eventId and orderId are required");
    }
    if (!PAID.equals(status)) {
      try {
        OrderStatus parsed = OrderStatus.fromId(status == null ? "" : status);
        if (parsed == OrderStatus.CONFIRMED) {
          throw new IllegalArgumentException("confirmed is set by the customer, not the POS");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "status must be accepted, preparing, out_for_delivery, ready_for_pickup, delivered, cancelled or paid");
      }
    }
    if (etaMinutes != null && (etaMinutes < 0 || etaMinutes > 24 * 60)) {
      throw new IllegalArgumentException("etaMinutes must be between 0 and 1440");
    }
    return this;
  }
}
