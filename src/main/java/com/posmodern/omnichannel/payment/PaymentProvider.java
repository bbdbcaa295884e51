package com.posmodern.omnichannel.payment;

/**
 * A card payment provider: makes a payment link for an order's total. Its confirmations arrive by
 * webhook.
 */
public interface PaymentProvider {

  /** Provider name, as in {@code omnichannel.payment.card-provider} and the webhook path. */
  String name();

  /**
   * A link where the customer pays {@code totalCents} for the order.
   *
   * @throws PaymentUnavailableException when the provider cannot be reached or refuses
   */
  PaymentLink linkFor(String orderId, String description, long totalCents);
}
