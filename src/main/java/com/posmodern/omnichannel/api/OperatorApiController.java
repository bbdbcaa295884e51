package com.posmodern.omnichannel.api;

import com.posmodern.omnichannel.chatbot.Outbox;
import com.posmodern.omnichannel.platform.sqs.DeadLetters;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What operators look at and set up (authenticated as an operator): the replies that were not sent
 * or not delivered, with the platform's error code or the send policy's reason, and the messages
 * that kept failing (the dead-letter queues) to replay or drop. (A channel's own set-up calls live
 * in its package, e.g. {@code WhatsAppContentController}.)
 */
@RestController
@RequestMapping("/api/operator")
public class OperatorApiController {

  private final Outbox outbox;
  private final DeadLetters deadLetters;

  public OperatorApiController(Outbox outbox, DeadLetters deadLetters) {
    this.outbox = outbox;
    this.deadLetters = deadLetters;
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

  /** Each dead-letter queue, where its messages came from, and how many it holds. */
  @GetMapping("/dead-letters")
  public List<DeadLetters.Summary> deadLetterQueues() {
    return deadLetters.summaries();
  }

  /** The messages of one dead-letter queue (ids, kind, receives; never the customer's text). */
  @GetMapping("/dead-letters/{queue}")
  public List<DeadLetters.Letter> deadLetters(
      @PathVariable String queue, @RequestParam(name = "limit", defaultValue = "100") int limit) {
    return deadLetters.list(queue, Math.max(1, Math.min(limit, 1000)));
  }

  /** Puts one dead letter back on its queue, behind its conversation's waiting messages. */
  @PostMapping("/dead-letters/{queue}/{messageId}/replay")
  public Map<String, Object> replay(@PathVariable String queue, @PathVariable String messageId) {
    if (!deadLetters.replay(queue, messageId)) {
      throw new NoSuchElementException("No message " + messageId + " in " + queue);
    }
    return Map.of("replayed", 1);
  }

  /** Puts up to {@code limit} dead letters back, each conversation's in their order. */
  @PostMapping("/dead-letters/{queue}/replay")
  public Map<String, Object> replayAll(
      @PathVariable String queue, @RequestParam(name = "limit", defaultValue = "1000") int limit) {
    return Map.of("replayed", deadLetters.replayAll(queue, Math.max(1, Math.min(limit, 10_000))));
  }

  /** Deletes one dead letter for good. */
  @DeleteMapping("/dead-letters/{queue}/{messageId}")
  public Map<String, Object> drop(@PathVariable String queue, @PathVariable String messageId) {
    if (!deadLetters.drop(queue, messageId)) {
      throw new NoSuchElementException("No message " + messageId + " in " + queue);
    }
    return Map.of("dropped", 1);
  }

  @ExceptionHandler(NoSuchElementException.class)
  ResponseEntity<Map<String, String>> notFound(NoSuchElementException e) {
    return ResponseEntity.status(404).body(Map.of("error", e.getMessage()));
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
