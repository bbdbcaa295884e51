package com.posmodern.omnichannel.marketing;

/** A marketing platform is unavailable for now (429, 5xx, timeout): the request is tried again. */
public class TransientMarketingException extends RuntimeException {

  public TransientMarketingException(String message) {
    super(message);
  }
}
