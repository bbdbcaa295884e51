package com.posmodern.omnichannel.pos.orders;

import com.posmodern.omnichannel.platform.sqs.QueueUnavailableException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For a POS that cannot publish to SQS: {@code POST /api/pos/order-events} with the same JSON as
 * {@code pos-order-events.fifo} (authenticated as the POS). The event goes onto that queue and
 * takes the same path.
 */
@RestController
@RequestMapping("/api/pos")
public class PosOrderEventsController {

  private final OrderEventsQueue queue;

  public PosOrderEventsController(OrderEventsQueue queue) {
    this.queue = queue;
  }

  /** Accepts one event: 202 once queued, 400 when invalid, 503 when the queue cannot be reached. */
  @PostMapping("/order-events")
  public ResponseEntity<Map<String, String>> publish(@RequestBody PosOrderEvent event) {
    try {
      queue.enqueue(event);
      return ResponseEntity.status(HttpStatus.ACCEPTED)
          .body(Map.of("eventId", event.eventId(), "status", "queued"));
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    } catch (QueueUnavailableException e) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(Map.of("error", e.getMessage()));
    }
  }
}
