package com.posmodern.omnichannel.chatbot;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/** Formats centavos as Brazilian reais for the customer's locale ({@code R$ 54,90}). */
public final class Prices {

  private static final Currency BRL = Currency.getInstance("BRL");

  private Prices() {}

  public static String format(long cents, Locale locale) {
    NumberFormat format = NumberFormat.getCurrencyInstance(locale);
    format.setCurrency(BRL);
    return format.format(BigDecimal.valueOf(cents, 2)).replace('\u00a0', ' ');
  }
}
