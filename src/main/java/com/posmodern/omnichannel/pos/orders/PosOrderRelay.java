package com.posmodern.omnichannel.pos.orders;

import com.posmodern.omnichannel.platform.sqs.FifoQueueWriter;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Relays the POS outbox to {@code pos-orders.fifo} (group = order id, deduplication = order id +
 * event), oldest first, and marks what SQS accepted. Called by the {@code pos-orders-relay} route
 * on a timer; several instances may relay at once: SQS deduplication absorbs a row sent twice.
 */
public class PosOrderRelay {

  private static final Logger log = LoggerFactory.getLogger(PosOrderRelay.class);

  private record Pending(long id, String orderId, String event, String body) {}

  private final JdbcClient jdbc;
  private final FifoQueueWriter posOrders;
  private final Clock clock;

  public PosOrderRelay(JdbcClient jdbc, FifoQueueWriter posOrders, Clock clock) {
    this.jdbc = jdbc;
    this.posOrders = posOrders;
    this.clock = clock;
  }

  /** Sends what is pending; returns how many events went out. */
  public int relayPending() {
    List<Pending> pending =
        jdbc.sql(
                "select id, order_id, event, body from pos_outbox where status = 'PENDING' order by id limit 100")
            .query(
                (rs, row) ->
                    new Pending(
                        rs.getLong("id"),
                        rs.getString("order_id"),
                        rs.getString("event"),
                        rs.getString("body")))
            .list();
    if (pending.isEmpty()) {
      return 0;
    }
    posOrders.sendAll(
        pending.stream()
            .map(
                p ->
                    new FifoQueueWriter.FifoMessage(
                        p.orderId(),
                        p.orderId() + ":" + p.event(),
                        p.body(),
                        Map.of("event", p.event())))
            .toList());
    for (Pending p : pending) {
      jdbc.sql("update pos_outbox set status = 'SENT', sent_at = ? where id = ?")
          .params(Timestamp.from(clock.instant()), p.id())
          .update();
      log.info("Order {}: {} sent to the POS", p.orderId(), p.event());
    }
    return pending.size();
  }
}
