package com.posmodern.omnichannel.api;

import com.posmodern.omnichannel.chatbot.Outbox;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What operators look at and set up (authenticated as an operator): the replies that were not sent
 * or not delivered, with the platform's error code or the send policy's reason. (A channel's own
 * set-up calls live in its package, e.g. {@code WhatsAppContentController}.)
 */
@RestController
@RequestMapping("/api/operator")
public class OperatorApiController {

  private final Outbox outbox;

  public OperatorApiController(Outbox outbox) {
    this.outbox = outbox;
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

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(IllegalStateException.class)
  ResponseEntity<Map<String, String>> notPossible(IllegalStateException e) {
    return ResponseEntity.status(409).body(Map.of("error", e.getMessage()));
  }
}
