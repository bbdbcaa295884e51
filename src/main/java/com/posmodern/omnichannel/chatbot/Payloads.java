package com.posmodern.omnichannel.chatbot;

/**
 * The payloads of the choices the bot offers (what a tap, or a typed option number, sends back);
 * shared by the step handlers, the order events and the hand-over.
 */
final class Payloads {

  static final String CATEGORY = "CATEGORY:";
  static final String ITEM = "ITEM:";
  static final String VARIANT = "VARIANT:";
  static final String ADDON = "ADDON:";
  static final String QUANTITY = "QTY:";
  static final String LINE = "LINE:";
  static final String RATE = "RATE:";
  static final String PAY = "PAY:";
  static final String CONSENT_YES = "CONSENT:YES";
  static final String CONSENT_NO = "CONSENT:NO";

  private Payloads() {}
}
