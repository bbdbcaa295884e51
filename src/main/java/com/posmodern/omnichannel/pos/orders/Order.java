package com.posmodern.omnichannel.pos.orders;

import java.time.Instant;
import java.util.List;

/**
 * An order as stored and as sent to the POS (the {@code pos-orders.fifo} message is its JSON;
 * schema in the README).
 *
 * @param id short code the customer sees and the PIX txid (8 letters and digits)
 * @param conversationId the conversation it was placed in, where its status is pushed
 * @param channel whatsapp, messenger or instagram
 * @param fulfilment delivery or pickup
 * @param address the delivery address (null for pickup)
 * @param paymentMethod pix, card or cash
 * @param paymentStatus pending, paid or on_delivery
 * @param changeForCents cash the customer pays with (0: exact amount or not cash)
 * @param etaMinutes expected minutes until delivery or pickup, as last estimated
 */
public record Order(
    String id,
    String conversationId,
    String channel,
    Customer customer,
    String fulfilment,
    Address address,
    List<Line> items,
    long subtotalCents,
    long deliveryFeeCents,
    long totalCents,
    String paymentMethod,
    String paymentStatus,
    long changeForCents,
    OrderStatus status,
    Integer etaMinutes,
    Instant createdAt) {

  public Order {
    items = List.copyOf(items);
  }

  /** Who ordered. */
  public record Customer(String name, String phone) {}

  /** Where to deliver. */
  public record Address(
      String cep,
      String street,
      String number,
      String complement,
      String neighbourhood,
      String zoneId) {}

  /** One ordered item, priced. */
  public record Line(
      String itemId,
      String name,
      String variantId,
      String variantName,
      List<Addon> addons,
      int quantity,
      long unitPriceCents,
      long totalCents) {

    public Line {
      addons = addons == null ? List.of() : List.copyOf(addons);
    }
  }

  /** An add-on of a line. */
  public record Addon(String id, String name, long priceCents) {}

  /** A draft placed: its code, confirmed, at the given time. */
  public Order placedAs(String code, Instant at) {
    return new Order(
        code,
        conversationId,
        channel,
        customer,
        fulfilment,
        address,
        items,
        subtotalCents,
        deliveryFeeCents,
        totalCents,
        paymentMethod,
        paymentStatus,
        changeForCents,
        OrderStatus.CONFIRMED,
        etaMinutes,
        at);
  }

  /** The same order in another status. */
  public Order withStatus(OrderStatus next, Integer eta) {
    return new Order(
        id,
        conversationId,
        channel,
        customer,
        fulfilment,
        address,
        items,
        subtotalCents,
        deliveryFeeCents,
        totalCents,
        paymentMethod,
        paymentStatus,
        changeForCents,
        next,
        eta == null ? etaMinutes : eta,
        createdAt);
  }
}
