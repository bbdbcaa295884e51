package com.posmodern.omnichannel.chatbot;

import java.util.Locale;
import org.springframework.context.MessageSource;

/** Customer-facing texts from the message bundles, in the customer's language. */
final class Texts {

  private final MessageSource source;
  private final Locale locale;

  Texts(MessageSource source, Locale locale) {
    this.source = source;
    this.locale = locale;
  }

  String get(String key, Object... args) {
    return source.getMessage(key, args, locale);
  }

  String price(long cents) {
    return Prices.format(cents, locale);
  }

  Locale locale() {
    return locale;
  }
}
