package com.posmodern.omnichannel.sandbox;

import com.posmodern.omnichannel.payment.PaymentProperties;
import com.posmodern.omnichannel.payment.PaymentWebhooks;
import com.posmodern.omnichannel.platform.web.Hmac;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox payment provider's checkout: a page per order with a "pay" button that, like a real
 * PSP, calls the app's signed payment webhook ({@code POST /webhooks/payments/sandbox}), for card
 * links and PIX alike.
 */
@RestController
@Conditional(SandboxEnabledCondition.class)
public class SandboxPaymentsController {

  private final OrderBook orders;
  private final PaymentProperties payment;
  private final SandboxLocation location;
  private final HttpClient http = HttpClient.newHttpClient();

  public SandboxPaymentsController(
      OrderBook orders, PaymentProperties payment, SandboxLocation location) {
    this.orders = orders;
    this.payment = payment;
    this.location = location;
  }

  @GetMapping(path = "/sandbox/payments/{orderId}", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> checkout(@PathVariable String orderId) {
    return orders
        .find(orderId)
        .map(
            order ->
                ResponseEntity.ok(
                    "<!doctype html><meta charset=utf-8><title>Sandbox checkout</title><h1>Pedido "
                        + order.id()
                        + "</h1>"
                        + "<p>Total: R$ "
                        + String.format(
                            "%d,%02d", order.totalCents() / 100, order.totalCents() % 100)
                        + "</p>"
                        + "<form method=post action=\"/sandbox/payments/"
                        + order.id()
                        + "/pay\"><button>Pagar (sandbox)</button></form>"))
        .orElse(ResponseEntity.notFound().build());
  }

  /**
   * Approves the payment by calling the webhook as the PSP would; answers what the webhook
   * answered.
   */
  @PostMapping("/sandbox/payments/{orderId}/pay")
  public ResponseEntity<String> pay(@PathVariable String orderId)
      throws IOException, InterruptedException {
    if (orders.find(orderId).isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    String body =
        "{\"orderId\":\""
            + orderId
            + "\",\"reference\":\"sandbox-"
            + orderId
            + "\",\"status\":\"approved\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(location.serverUrl() + "/webhooks/payments/sandbox"))
                .header("Content-Type", "application/json")
                .header(
                    PaymentWebhooks.SANDBOX_SIGNATURE,
                    "sha256=" + Hmac.sha256Hex(payment.webhookSecret(), bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return ResponseEntity.status(answer.statusCode())
        .body(answer.statusCode() == 200 ? "Pagamento aprovado (sandbox)" : answer.body());
  }
}
