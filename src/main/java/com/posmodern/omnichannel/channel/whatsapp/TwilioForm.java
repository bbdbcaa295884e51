package com.posmodern.omnichannel.channel.whatsapp;

import com.posmodern.omnichannel.platform.web.WebhookRejectedException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Twilio's {@code application/x-www-form-urlencoded} bodies: parses what it posts, decoding each
 * name and value once, and encodes what we post.
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
        if (params.put(name, value) != null) {
          // Twilio signs every value of a repeated key; reading one of them would verify the
          // signature against a different request than the one mapped.
          throw WebhookRejectedException.malformed(
              "parameter "
                  + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
                  + " is repeated");
        }
      } catch (IllegalArgumentException e) {
        throw WebhookRejectedException.malformed("body is not form-encoded: " + e.getMessage());
      }
    }
    return params;
  }

  /** A form body of the parameters, in their order, each name and value URL-encoded. */
  static String encode(Map<String, String> params) {
    StringBuilder body = new StringBuilder();
    params.forEach(
        (name, value) -> {
          if (body.length() > 0) {
            body.append('&');
          }
          body.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
    return body.toString();
  }
}
