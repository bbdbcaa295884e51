package com.posmodern.omnichannel.payment;

/** The card provider could not make a payment link; the customer is offered another method. */
public class PaymentUnavailableException extends RuntimeException {

  public PaymentUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
