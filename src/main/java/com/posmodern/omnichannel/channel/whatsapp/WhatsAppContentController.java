package com.posmodern.omnichannel.channel.whatsapp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's one-time set-up of WhatsApp's interactive messages (under {@code /api/operator},
 * so authenticated as an operator like the rest of it).
 */
@RestController
public class WhatsAppContentController {

  private final WhatsAppContentSetup contentSetup;
  private final MessageSource texts;
  private final Locale defaultLocale;

  public WhatsAppContentController(
      WhatsAppContentSetup contentSetup,
      MessageSource texts,
      @Value("${omnichannel.default-locale:pt-BR}") Locale defaultLocale) {
    this.contentSetup = contentSetup;
    this.texts = texts;
    this.defaultLocale = defaultLocale;
  }

  /**
   * Creates the WhatsApp Content API templates for buttons and lists in the Twilio account (reusing
   * those that exist) and answers with the configuration lines that turn them on.
   */
  @PostMapping("/api/operator/whatsapp/content-setup")
  public Map<String, Object> whatsAppContentSetup() {
    String language = defaultLocale.toLanguageTag().replace('-', '_');
    Map<String, String> sids =
        contentSetup.run(language, texts.getMessage("whatsapp.list.button", null, defaultLocale));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("contentSids", sids);
    answer.put(
        "applicationYml",
        "omnichannel:\n  whatsapp:\n    content-sids:\n"
            + sids.entrySet().stream()
                .map(e -> "      " + e.getKey() + ": " + e.getValue() + "\n")
                .collect(Collectors.joining()));
    return answer;
  }

  /** The channel is sandboxed, or Twilio answered what the set-up cannot use: 409 with why. */
  @ExceptionHandler(IllegalStateException.class)
  ResponseEntity<Map<String, String>> notPossible(IllegalStateException e) {
    return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }
}
