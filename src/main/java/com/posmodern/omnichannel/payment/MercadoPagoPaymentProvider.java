package com.posmodern.omnichannel.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.posmodern.omnichannel.platform.web.PublicUrls;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Card payments through Mercado Pago Checkout Pro: a preference per order ({@code POST
 * /checkout/preferences},
 * https://www.mercadopago.com.br/developers/en/reference/preferences/_checkout_preferences/post)
 * whose {@code init_point} the customer opens; {@code external_reference} is the order code, and
 * notifications come to {@code /webhooks/payments/mercadopago}.
 */
public class MercadoPagoPaymentProvider implements PaymentProvider {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PaymentProperties.MercadoPago settings;
  private final PublicUrls urls;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public MercadoPagoPaymentProvider(PaymentProperties.MercadoPago settings, PublicUrls urls) {
    this.settings = settings;
    this.urls = urls;
  }

  @Override
  public String name() {
    return "mercadopago";
  }

  @Override
  public PaymentLink linkFor(String orderId, String description, long totalCents) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("items")
        .addObject()
        .put("id", orderId)
        .put("title", description)
        .put("quantity", 1)
        .put("currency_id", "BRL")
        .put("unit_price", BigDecimal.valueOf(totalCents, 2));
    body.put("external_reference", orderId);
    body.put("notification_url", urls.of("/webhooks/payments/mercadopago"));
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/checkout/preferences"))
                  .timeout(Duration.ofSeconds(10))
                  .header("Authorization", "Bearer " + settings.accessToken())
                  .header("Content-Type", "application/json")
                  .header("X-Idempotency-Key", "order-" + orderId)
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new PaymentUnavailableException(
            "Mercado Pago answered " + response.statusCode(), null);
      }
      JsonNode preference = JSON.readTree(response.body());
      return new PaymentLink(
          preference.path("init_point").asText(), preference.path("id").asText());
    } catch (IOException e) {
      throw new PaymentUnavailableException("Mercado Pago unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PaymentUnavailableException("interrupted", e);
    }
  }
}
