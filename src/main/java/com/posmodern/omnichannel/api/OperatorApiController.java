package com.posmodern.omnichannel.api;

import com.posmodern.omnichannel.channel.whatsapp.WhatsAppContentSetup;
import com.posmodern.omnichannel.chatbot.Outbox;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What operators look at and set up (authenticated as an operator): the replies that were not sent
 * or not delivered, with the platform's error code or the send policy's reason; and the one-time
 * creation of the WhatsApp Content API templates.
 */
@RestController
@RequestMapping("/api/operator")
public class OperatorApiController {

  private final Outbox outbox;
  private final WhatsAppContentSetup contentSetup;
  private final MessageSource texts;
  private final Locale defaultLocale;

  public OperatorApiController(
      Outbox outbox,
      WhatsAppContentSetup contentSetup,
      MessageSource texts,
      @Value("${omnichannel.default-locale:pt-BR}") Locale defaultLocale) {
    this.outbox = outbox;
    this.contentSetup = contentSetup;
    this.texts = texts;
    this.defaultLocale = defaultLocale;
  }

  /**
   * The latest replies in the given states (default: failed and blocked), newest first.
   *
   * @param status one or more of PENDING, BLOCKED, SENT, DELIVERED, READ, FAILED
   */
  @GetMapping("/replies")
  public List<Outbox.Row> replies(
      @RequestParam(name = "status", required = false) List<String> status,
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    Set<Outbox.Status> statuses =
        status == null || status.isEmpty()
            ? EnumSet.of(Outbox.Status.FAILED, Outbox.Status.BLOCKED)
            : status.stream()
                .flatMap(s -> List.of(s.split(",")).stream())
                .map(s -> Outbox.Status.valueOf(s.trim().toUpperCase(Locale.ROOT)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Outbox.Status.class)));
    return outbox.latest(statuses, Math.max(1, Math.min(limit, 1000)));
  }

  /**
   * Creates the WhatsApp Content API templates for buttons and lists in the Twilio account (reusing
   * those that exist) and answers with the configuration lines that turn them on.
   */
  @PostMapping("/whatsapp/content-setup")
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

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(IllegalStateException.class)
  ResponseEntity<Map<String, String>> notPossible(IllegalStateException e) {
    return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
  }
}
