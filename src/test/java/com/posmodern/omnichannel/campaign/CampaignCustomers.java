package com.posmodern.omnichannel.campaign;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.pos.orders.Order;
import com.posmodern.omnichannel.pos.orders.OrderStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * WhatsApp customers for the campaign tests, written straight into the app's tables as the
 * conversation engine would have left them: the conversation, consent decisions in the ledger, and
 * delivered orders (a pizza delivered to a CEP the test picks, so its segment reaches only its own
 * customers on the shared test database).
 */
public final class CampaignCustomers {

  public static final String BUSINESS = "+14155238886";

  private final JdbcClient jdbc;

  public CampaignCustomers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public static String conversation(String phone) {
    return "whatsapp:" + BUSINESS + ":" + phone;
  }

  public boolean exists(String phone) {
    return jdbc.sql("select count(*) from conversation where id = ?")
            .param(conversation(phone))
            .query(Integer.class)
            .single()
        > 0;
  }

  public void customer(String phone, String name, Instant at) {
    jdbc.sql(
            "insert into conversation (id, channel, business_id, customer_id, customer_name, customer_phone,"
                + " locale, state, last_inbound_at, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?)")
        .params(
            conversation(phone),
            "whatsapp",
            BUSINESS,
            phone,
            name,
            phone,
            "pt-BR",
            "{}",
            Timestamp.from(at),
            Timestamp.from(at),
            Timestamp.from(at))
        .update();
  }

  /**
   * A customer who opted in a minute ago and has one delivered order placed now, to a CEP the test
   * picks.
   */
  public void optedIn(String phone, String name, String orderId, String cep, Instant now) {
    customer(phone, name, now);
    consent(phone, "OPT_IN", now.minusSeconds(60));
    order(orderId, phone, cep, now);
  }

  public void consent(String phone, String decision, Instant at) {
    jdbc.sql(
            "insert into consent_ledger (conversation_id, channel, purpose, decision, source, recorded_at)"
                + " values (?,?,?,?,?,?)")
        .params(conversation(phone), "whatsapp", "marketing", decision, "test", Timestamp.from(at))
        .update();
  }

  public void order(String id, String phone, String cep, Instant at) {
    Order order =
        new Order(
            id,
            conversation(phone),
            "whatsapp",
            new Order.Customer("Cliente", phone),
            "delivery",
            new Order.Address(cep, "Rua Harmonia", "1", null, "Vila Madalena", "z1"),
            List.of(
                new Order.Line(
                    "pizza-calabresa",
                    "Pizza de Calabresa",
                    "grande",
                    "Grande",
                    List.of(),
                    1,
                    5490,
                    5490)),
            5490,
            0,
            5490,
            "cash",
            "on_delivery",
            0,
            OrderStatus.DELIVERED,
            null,
            at);
    jdbc.sql(
            "insert into customer_order (id, conversation_id, channel, status, payment_method, payment_status,"
                + " total_cents, body, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?)")
        .params(
            order.id(),
            conversation(phone),
            "whatsapp",
            "delivered",
            "cash",
            "on_delivery",
            5490,
            CanonicalJson.write(order),
            Timestamp.from(at),
            Timestamp.from(at))
        .update();
  }
}
