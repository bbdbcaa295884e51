package com.posmodern.omnichannel.channel.whatsapp;

import com.posmodern.omnichannel.platform.web.WebhookRejectedException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the {@code application/x-www-form-urlencoded} body Twilio posts, decoding each name and
 * value once.
 */
final class TwilioForm {

  private TwilioForm() {}

  static Map<String, String> parse(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    if (body.isBlank()) {
      return params;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.put(name, value);
      } catch (IllegalArgumentException e) {
        throw WebhookRejectedException.malformed("body is not form-encoded: " + e.getMessage());
      }
    }
    return params;
  }
}
