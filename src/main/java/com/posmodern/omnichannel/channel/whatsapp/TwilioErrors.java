package com.posmodern.omnichannel.channel.whatsapp;

import java.util.Map;

/**
 * Twilio's error codes an operator meets on WhatsApp, in words, each from its page at
 * https://www.twilio.com/docs/api/errors/{code}: recorded with a refused or undelivered reply so
 * the reason can be read without looking it up.
 */
final class TwilioErrors {

  private static final Map<String, String> MEANINGS =
      Map.ofEntries(
          Map.entry(
              "63016",
              "outside the WhatsApp 24-hour window: only an approved template (ContentSid) can be sent"),
          Map.entry("21617", "the message body exceeds Twilio's 1,600-character limit"),
          Map.entry(
              "63021",
              "WhatsApp rejected the content (unsupported media or component, or template text too long)"),
          Map.entry("63024", "the recipient is not a valid WhatsApp user"),
          Map.entry(
              "63032",
              "the recipient is in Meta's marketing-message experiment: marketing templates are not delivered"),
          Map.entry("63018", "WhatsApp's rate limit for this sender was exceeded"),
          Map.entry("21658", "a Body or ContentVariables value exceeds its character limit"),
          Map.entry("21654", "ContentVariables were given without a ContentSid"),
          Map.entry("21211", "the 'To' number is not valid"),
          Map.entry("21609", "the StatusCallback URL is not valid"));

  private TwilioErrors() {}

  /** "63016 (outside the WhatsApp 24-hour window: …)", or the code alone when unknown here. */
  static String describe(String code) {
    if (code == null || code.isBlank()) {
      return "no error code";
    }
    String meaning = MEANINGS.get(code.trim());
    return meaning == null ? code.trim() : code.trim() + " (" + meaning + ")";
  }
}
