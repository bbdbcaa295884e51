package com.posmodern.omnichannel.payment;

/** Where the customer pays by card, and the provider's reference for it. */
public record PaymentLink(String url, String reference) {}
