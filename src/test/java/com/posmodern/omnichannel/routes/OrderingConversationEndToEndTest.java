package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.reply.ImagePart;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.payment.PaymentWebhooks;
import com.posmodern.omnichannel.payment.pix.PixBrCode;
import com.posmodern.omnichannel.platform.sqs.QueueNames;
import com.posmodern.omnichannel.platform.web.Hmac;
import com.posmodern.omnichannel.support.Customer;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import com.posmodern.omnichannel.support.PlatformStubs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Whole conversations through the real routes, one per channel: greeting, menu, cart by choosing
 * and by typing, checkout, a payment method, the order on pos-orders.fifo, the POS's status events
 * pushed to the customer, delivery and the rating stored.
 */
class OrderingConversationEndToEndTest extends EndToEndTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ORDER_CODE = Pattern.compile("#([A-Z0-9]{8})");

  @Autowired SqsClient sqs;
  @Autowired QueueNames queueNames;

  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void backToOpeningHours() {
    clock.at(LocalTime.of(20, 0));
  }

  @Test
  void aWhatsAppCustomerOrdersByChoosingAndByTypingAndPaysWithPix() throws Exception {
    Customer maria = new Customer(port, jdbc, "whatsapp", "+5511987650001", TWILIO_TOKEN);

    List<ReplyPart> hello = maria.says("oi");
    assertThat(Customer.text(hello))
        .startsWith("Olá, Maria! 👋 Bem-vindo(a) à Cantina Sabor da Vila.");
    assertThat(Customer.choices(hello))
        .containsExactly(
            "CATEGORY:pizzas",
            "CATEGORY:lanches",
            "CATEGORY:pratos",
            "CATEGORY:bebidas",
            "CATEGORY:sobremesas");

    assertThat(Customer.text(maria.says("1")))
        .contains("Pizza de Calabresa — a partir de R$ 44,90"); // "1" = Pizzas
    List<ReplyPart> calabresa = maria.picks("ITEM:pizza-calabresa");
    assertThat(calabresa).anySatisfy(part -> assertThat(part).isInstanceOf(ImagePart.class));
    assertThat(Customer.choices(calabresa)).containsExactly("VARIANT:media", "VARIANT:grande");
    assertThat(Customer.choices(maria.picks("VARIANT:grande")))
        .contains("ADDONS_DONE", "ADDON:borda-catupiry");
    assertThat(Customer.text(maria.picks("ADDON:borda-catupiry"))).contains("Pizza de Calabresa");
    assertThat(Customer.choices(maria.picks("ADDONS_DONE"))).startsWith("QTY:1", "QTY:2");
    assertThat(Customer.text(maria.picks("QTY:1")))
        .contains(
            "Adicionei 1x Pizza de Calabresa (Grande) + Borda recheada de Catupiry (R$ 63,90)");

    List<ReplyPart> typed = maria.says("quero 2 pizzas de calabresa grandes e uma coca");
    assertThat(Customer.text(typed)).contains("2x Pizza de Calabresa (Grande) — R$ 109,80");
    assertThat(Customer.choices(typed)).containsExactly("VARIANT:lata", "VARIANT:2l");
    assertThat(Customer.text(maria.picks("VARIANT:lata")))
        .contains("Adicionei 1x Coca-Cola (Lata 350 ml) (R$ 7,00)");

    assertThat(Customer.text(maria.says("carrinho"))).contains("Subtotal: R$ 180,70");
    assertThat(Customer.choices(maria.picks("CHECKOUT"))).containsExactly("DELIVERY", "PICKUP");
    assertThat(Customer.choices(maria.picks("DELIVERY"))).containsExactly("USE_NAME");
    // WhatsApp knows the phone: no question about it.
    assertThat(Customer.text(maria.picks("USE_NAME"))).contains("CEP");
    assertThat(Customer.text(maria.says("08001000")))
        .contains("Ainda não entregamos no CEP 08001-000");
    assertThat(Customer.text(maria.picks("DELIVERY"))).contains("Em nome de quem");
    maria.says("Maria Souza");
    assertThat(Customer.text(maria.says("05435-000")))
        .contains("Pinheiros e Vila Madalena", "R$ 6,90", "Qual a rua");
    maria.says("Rua Harmonia");
    maria.says("123");
    maria.says("apto 42");
    List<ReplyPart> summary = maria.says("Vila Madalena");
    assertThat(Customer.text(summary))
        .contains("Subtotal: R$ 180,70", "Taxa de entrega: R$ 6,90", "Total: R$ 187,60")
        .contains("Rua Harmonia, 123 — apto 42 — Vila Madalena — CEP 05435-000", "(11) 98765-0001");
    assertThat(Customer.choices(maria.picks("CONFIRM")))
        .containsExactly("PAY:PIX", "PAY:CARD", "PAY:CASH");

    List<ReplyPart> pix = maria.picks("PAY:PIX");
    String orderId = orderCode(pix);
    String copyAndPaste =
        pix.stream()
            .map(
                p ->
                    p instanceof com.posmodern.omnichannel.canonical.reply.TextPart t
                        ? t.text()
                        : "")
            .filter(t -> t.startsWith("000201"))
            .findFirst()
            .orElseThrow();
    PixBrCode parsed = PixBrCode.parse(copyAndPaste);
    assertThat(parsed.amountCents()).isEqualTo(18760L);
    assertThat(parsed.txid()).isEqualTo(orderId);
    assertThat(pix)
        .anySatisfy(
            part ->
                assertThat(part)
                    .isInstanceOfSatisfying(
                        ImagePart.class,
                        image ->
                            assertThat(image.url()).endsWith("/payments/pix/" + orderId + ".png")));
    HttpResponse<byte[]> qr =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/payments/pix/" + orderId + ".png"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(qr.statusCode()).isEqualTo(200);
    assertThat(qr.body()).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});

    JsonNode confirmed = posMessage(orderId, "order.confirmed");
    assertThat(confirmed.path("order").path("totalCents").asLong()).isEqualTo(18760);
    assertThat(confirmed.path("order").path("fulfilment").asText()).isEqualTo("delivery");
    assertThat(confirmed.path("order").path("customer").path("phone").asText())
        .isEqualTo("+5511987650001");
    assertThat(confirmed.path("order").path("items")).hasSize(3);
    assertThat(confirmed.path("order").path("paymentStatus").asText()).isEqualTo("pending");

    // A static PIX key: the restaurant's POS (or bank reconciliation) reports the payment.
    assertThat(Customer.text(posEvent(orderId, "paid", null)))
        .contains("Pagamento do pedido #" + orderId + " confirmado");
    assertThat(posMessage(orderId, "order.paid").path("order").path("paymentStatus").asText())
        .isEqualTo("paid");

    assertThat(Customer.text(posEvent(orderId, "accepted", 45)))
        .contains("aceitou seu pedido #" + orderId, "45 min");
    assertThat(Customer.text(maria.says("cadê meu pedido?")))
        .contains("#" + orderId + ": aceito pelo restaurante", "(previsão: 45 min)");
    assertThat(Customer.text(maria.says("cancelar pedido")))
        .contains("não pode mais ser cancelado");
    assertThat(Customer.text(posEvent(orderId, "preparing", 35))).contains("está em preparo");
    assertThat(Customer.text(posEvent(orderId, "out_for_delivery", 15)))
        .contains("saiu para entrega");
    List<ReplyPart> delivered = posEvent(orderId, "delivered", null);
    assertThat(Customer.text(delivered)).contains("entregue", "Que nota você dá, de 1 a 5?");
    assertThat(Customer.choices(delivered))
        .containsExactly("RATE:1", "RATE:2", "RATE:3", "RATE:4", "RATE:5");

    assertThat(Customer.text(maria.picks("RATE:5"))).contains("comentário");
    assertThat(Customer.text(maria.says("Pizza quentinha, entregador muito educado!")))
        .contains("Obrigado pela avaliação");
    assertThat(
            jdbc.sql("select rating, comment from order_feedback where order_id = ?")
                .param(orderId)
                .query((rs, row) -> rs.getInt("rating") + "|" + rs.getString("comment"))
                .single())
        .isEqualTo("5|Pizza quentinha, entregador muito educado!");
  }

  @Test
  void aMessengerCustomerPaysByCardAndCanCancelBeforeThePosAccepts() throws Exception {
    Customer joao = new Customer(port, jdbc, "messenger", "900000000000038", MESSENGER_SECRET);
    joao.says("oi");
    List<ReplyPart> typed =
        joao.says("2 x-bacon com ovo, 2 guaranás e uma pizza margherita grande");
    assertThat(Customer.text(typed))
        .contains(
            "2x X-Bacon + Ovo — R$ 71,80",
            "2x Guaraná Antarctica — R$ 13,00",
            "1x Pizza Margherita (Grande) — R$ 52,90");
    joao.picks("CHECKOUT");
    joao.picks("PICKUP");
    assertThat(Customer.text(joao.says("João Pereira"))).contains("telefone");
    assertThat(Customer.text(joao.says("abc"))).contains("Não entendi o telefone");
    List<ReplyPart> summary = joao.says("(21) 99876-5432");
    assertThat(Customer.text(summary))
        .contains("Retirada no balcão por João Pereira ((21) 99876-5432)", "Total: R$ 137,70");
    joao.picks("CONFIRM");
    List<ReplyPart> card = joao.picks("PAY:CARD");
    String orderId = orderCode(card);
    assertThat(Customer.text(card))
        .contains(
            "Pague com cartão neste link seguro: " + PlatformStubs.MERCADOPAGO_CHECKOUT + "pref-1");
    assertThat(posMessage(orderId, "order.confirmed").path("order").path("paymentMethod").asText())
        .isEqualTo("card");

    assertThat(Customer.text(joao.says("quero cancelar o pedido")))
        .contains("Pedido #" + orderId + " cancelado");
    assertThat(posMessage(orderId, "order.cancelled").path("order").path("status").asText())
        .isEqualTo("cancelled");
    assertThat(Customer.text(joao.says("status"))).contains("#" + orderId + ": cancelado");
  }

  @Test
  void anInstagramCustomerPaysCashWithChangeAndReordersLater() throws Exception {
    Customer ana = new Customer(port, jdbc, "instagram", "900000000000039", INSTAGRAM_SECRET);
    ana.says("Boa noite!");
    ana.says("uma feijoada e um suco de laranja");
    ana.picks("CHECKOUT");
    ana.picks("PICKUP");
    ana.says("Ana");
    ana.says("11 3333-4444");
    ana.picks("CONFIRM");
    assertThat(Customer.text(ana.picks("PAY:CASH"))).contains("troco");
    assertThat(Customer.text(ana.says("50"))).contains("maior que o total de R$ 60,00");
    List<ReplyPart> placed = ana.says("R$ 100");
    String orderId = orderCode(placed);
    assertThat(Customer.text(placed))
        .contains("Levaremos troco para R$ 100,00 (R$ 40,00 de troco)");
    JsonNode confirmed = posMessage(orderId, "order.confirmed");
    assertThat(confirmed.path("order").path("changeForCents").asLong()).isEqualTo(10000);
    assertThat(confirmed.path("order").path("paymentStatus").asText()).isEqualTo("on_delivery");

    posEvent(orderId, "ready_for_pickup", null);
    posEvent(orderId, "delivered", null);
    List<ReplyPart> again = ana.says("quero pedir de novo");
    assertThat(Customer.text(again))
        .contains("Coloquei no carrinho os itens do pedido #" + orderId, "Subtotal: R$ 60,00");
  }

  @Test
  void onlyMercadoPagosSignedNotificationMarksACardOrderPaidTheSandboxCheckoutIsAbsent()
      throws Exception {
    Customer bia = new Customer(port, jdbc, "instagram", "900000000000040", INSTAGRAM_SECRET);
    bia.says("oi");
    bia.says("uma feijoada e um suco de laranja");
    bia.picks("CHECKOUT");
    bia.picks("PICKUP");
    bia.says("Bia");
    bia.says("11 3333-5555");
    bia.picks("CONFIRM");
    String orderId = orderCode(bia.picks("PAY:CARD"));

    // Beside live channels the sandbox's payment webhook and checkout do not exist, whatever signs.
    byte[] approval =
        ("{\"orderId\":\"" + orderId + "\",\"reference\":\"x\",\"status\":\"approved\"}")
            .getBytes(StandardCharsets.UTF_8);
    for (String secret : List.of("dev-payment-webhook-secret", "anything")) {
      HttpResponse<String> forged =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + port + "/webhooks/payments/sandbox"))
                  .header("Content-Type", "application/json")
                  .header(
                      PaymentWebhooks.SANDBOX_SIGNATURE,
                      "sha256=" + Hmac.sha256Hex(secret, approval))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(approval))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(forged.statusCode()).isEqualTo(404);
    }
    URI checkout = URI.create("http://localhost:" + port + "/sandbox/payments/" + orderId);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(checkout).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(404);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(checkout + "/pay"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(404);
    assertThat(
            jdbc.sql("select payment_status from customer_order where id = ?")
                .param(orderId)
                .query(String.class)
                .single())
        .isEqualTo("pending");

    assertThat(Customer.text(paidByMercadoPago(orderId, "777001")))
        .contains("Pagamento do pedido #" + orderId + " confirmado");
    assertThat(posMessage(orderId, "order.paid").path("order").path("paymentStatus").asText())
        .isEqualTo("paid");
  }

  @Test
  void checkoutIsRefusedPolitelyOutsideOpeningHoursAndBelowTheMinimum() {
    Customer lucas = new Customer(port, jdbc, "messenger", "900000000000041", MESSENGER_SECRET);
    lucas.says("oi");
    lucas.says("um pudim");
    assertThat(Customer.text(lucas.picks("CHECKOUT")))
        .contains("O pedido mínimo é R$ 30,00. Faltam R$ 17,10");

    lucas.says("uma feijoada");
    clock.at(LocalTime.of(7, 0));
    assertThat(Customer.text(lucas.picks("CHECKOUT")))
        .contains("Estamos fechados agora", "das 10:00 às 04:00");
  }

  private String orderCode(List<ReplyPart> parts) {
    Matcher code = ORDER_CODE.matcher(Customer.text(parts));
    assertThat(code.find()).as("an order code in %s", Customer.text(parts)).isTrue();
    return code.group(1);
  }

  /** Waits for the POS message of an order event on pos-orders.fifo. */
  private JsonNode posMessage(String orderId, String event) {
    List<JsonNode> found = new ArrayList<>();
    String url = queueNames.posOrdersUrl();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              for (Message message :
                  sqs.receiveMessage(
                          b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                      .messages()) {
                JsonNode body = JSON.readTree(message.body());
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                if (body.path("order").path("id").asText().equals(orderId)
                    && body.path("event").asText().equals(event)) {
                  found.add(body);
                }
              }
              return !found.isEmpty();
            });
    assertThat(found.get(0).path("eventId").asText()).isEqualTo(orderId + ":" + event);
    return found.get(0);
  }

  /**
   * The POS reports a status through its REST endpoint; returns the notification the customer got.
   */
  private List<ReplyPart> posEvent(String orderId, String status, Integer eta) throws Exception {
    String eventId = "pos-" + orderId + "-" + status;
    posEvent(eventId, orderId, status, eta);
    return notification("pos:" + eventId);
  }

  /**
   * Mercado Pago confirms a payment: a notification signed as Mercado Pago signs it (x-signature
   * over {@code id:<data.id>;request-id:<x-request-id>;ts:<ts>;}); a forged one is refused first.
   */
  private List<ReplyPart> paidByMercadoPago(String orderId, String paymentId) throws Exception {
    platforms.approvedPayment(paymentId, orderId);
    String body =
        "{\"action\":\"payment.updated\",\"type\":\"payment\",\"data\":{\"id\":\""
            + paymentId
            + "\"}}";
    String ts = Long.toString(System.currentTimeMillis());
    String manifest = "id:" + paymentId + ";request-id:req-" + paymentId + ";ts:" + ts + ";";
    HttpResponse<String> forged =
        mercadoPagoNotification(
            paymentId,
            body,
            "ts="
                + ts
                + ",v1="
                + Hmac.sha256Hex("wrong", manifest.getBytes(StandardCharsets.UTF_8)));
    assertThat(forged.statusCode()).isEqualTo(403);
    HttpResponse<String> answer =
        mercadoPagoNotification(
            paymentId,
            body,
            "ts="
                + ts
                + ",v1="
                + Hmac.sha256Hex(MERCADOPAGO_SECRET, manifest.getBytes(StandardCharsets.UTF_8)));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return notification("pos:payment:mercadopago:" + paymentId);
  }

  private HttpResponse<String> mercadoPagoNotification(
      String paymentId, String body, String signature) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + port
                        + "/webhooks/payments/mercadopago?data.id="
                        + paymentId
                        + "&type=payment"))
            .header("Content-Type", "application/json")
            .header("x-signature", signature)
            .header("x-request-id", "req-" + paymentId)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private List<ReplyPart> notification(String inReplyTo) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.sql("select count(*) from outbound_message where in_reply_to = ?")
                            .param(inReplyTo)
                            .query(Long.class)
                            .single()
                        > 0
                    && jdbc.sql(
                                "select count(*) from outbound_message where in_reply_to = ? and status = 'PENDING'")
                            .param(inReplyTo)
                            .query(Long.class)
                            .single()
                        == 0);
    return jdbc
        .sql("select part from outbound_message where in_reply_to = ? order by seq")
        .param(inReplyTo)
        .query(String.class)
        .list()
        .stream()
        .map(json -> CanonicalJson.read(json, ReplyPart.class))
        .toList();
  }
}
