package com.posmodern.omnichannel.pos.orders;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.platform.sqs.FifoQueueWriter;
import com.posmodern.omnichannel.platform.sqs.InboundQueue;
import java.util.List;
import java.util.Map;

/**
 * Puts order events on {@code pos-order-events.fifo} (group = order id, deduplication = event id)
 * for the {@code pos-order-events} route: used by the POS REST endpoint and the payment webhooks,
 * so every change to an order takes the same ordered, exactly-once path.
 */
public class OrderEventsQueue {

  private final FifoQueueWriter writer;

  public OrderEventsQueue(FifoQueueWriter writer) {
    this.writer = writer;
  }

  /** Enqueues a validated event; returns once SQS accepted it. */
  public void enqueue(PosOrderEvent event) {
    PosOrderEvent valid = event.validated();
    writer.sendAll(
        List.of(
            new FifoQueueWriter.FifoMessage(
                valid.orderId(),
                InboundQueue.sqsId(valid.eventId()),
                CanonicalJson.write(valid),
                Map.of("status", valid.status()))));
  }
}
