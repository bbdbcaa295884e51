package com.posmodern.omnichannel.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.platform.web.Hmac;
import com.posmodern.omnichannel.platform.web.WebhookRejectedException;
import com.posmodern.omnichannel.platform.web.WebhookRequest;
import com.posmodern.omnichannel.pos.orders.PosOrderEvent;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payment provider notifications, verified and turned into {@code paid} order events (null when the
 * notification is not a confirmed payment). Called by the {@code payment-webhook} routes, which
 * enqueue the events.
 */
public class PaymentWebhooks {

  /** The sandbox PSP's signature header: {@code sha256=<hex HMAC-SHA256(secret, raw body)>}. */
  public static final String SANDBOX_SIGNATURE = "X-Sandbox-Signature";

  private static final Logger log = LoggerFactory.getLogger(PaymentWebhooks.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PaymentProperties properties;
  private final String publicBaseUrl;
  private final boolean sandboxActive;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param sandboxActive whether the sandbox runs: its webhook exists only then (never beside a
   *     live channel)
   */
  public PaymentWebhooks(
      PaymentProperties properties, String publicBaseUrl, boolean sandboxActive) {
    this.properties = properties;
    this.publicBaseUrl = publicBaseUrl;
    this.sandboxActive = sandboxActive;
  }

  /**
   * The sandbox PSP: {@code {"orderId","reference","status":"approved"}} signed with the webhook
   * secret.
   */
  public PosOrderEvent sandbox(Exchange exchange) {
    return sandbox(WebhookRequest.of(exchange, publicBaseUrl));
  }

  /** The sandbox PSP's confirmation, already read; 404 unless the sandbox runs. */
  public PosOrderEvent sandbox(WebhookRequest request) {
    if (!sandboxActive) {
      throw WebhookRejectedException.notFound("the sandbox payment provider is off");
    }
    String header = request.header(SANDBOX_SIGNATURE);
    if (header == null
        || !header.startsWith("sha256=")
        || !Hmac.matchesHex(properties.webhookSecret(), request.body(), header.substring(7))) {
      throw WebhookRejectedException.forbidden("missing or wrong " + SANDBOX_SIGNATURE);
    }
    JsonNode body = parse(request.body());
    if (!"approved".equals(body.path("status").asText())) {
      return null;
    }
    String reference = body.path("reference").asText();
    return new PosOrderEvent(
        "payment:sandbox:" + reference,
        body.path("orderId").asText(),
        PosOrderEvent.PAID,
        null,
        null,
        reference);
  }

  /**
   * Mercado Pago: checks {@code x-signature} (HMAC-SHA256 of {@code
   * id:<data.id>;request-id:<x-request-id>;ts:<ts>;},
   * https://www.mercadopago.com.br/developers/en/docs/your-integrations/notifications/webhooks),
   * then asks the payments API whether the payment is approved and which order it is for.
   */
  public PosOrderEvent mercadoPago(Exchange exchange) {
    return mercadoPago(WebhookRequest.of(exchange, publicBaseUrl));
  }

  /** A Mercado Pago notification, already read; 404 unless Mercado Pago is configured. */
  public PosOrderEvent mercadoPago(WebhookRequest request) {
    if (!properties.mercadoPagoSelected()
        || properties.mercadoPago().webhookSecret() == null
        || properties.mercadoPago().webhookSecret().isBlank()) {
      throw WebhookRejectedException.notFound("Mercado Pago is not configured");
    }
    Map<String, String> query = query(request.url());
    JsonNode body = parse(request.body());
    String dataId = query.getOrDefault("data.id", body.path("data").path("id").asText(""));
    Map<String, String> signature = signatureParts(request.header("x-signature"));
    String manifest =
        "id:"
            + dataId.toLowerCase()
            + ";request-id:"
            + request.header("x-request-id")
            + ";ts:"
            + signature.get("ts")
            + ";";
    if (signature.get("v1") == null
        || !Hmac.matchesHex(
            properties.mercadoPago().webhookSecret(),
            manifest.getBytes(StandardCharsets.UTF_8),
            signature.get("v1"))) {
      throw WebhookRejectedException.forbidden("missing or wrong x-signature");
    }
    if (!"payment".equals(body.path("type").asText(query.get("type"))) || dataId.isEmpty()) {
      return null;
    }
    JsonNode payment = fetchPayment(dataId);
    if (!"approved".equals(payment.path("status").asText())) {
      log.info("Mercado Pago payment {} is {}", dataId, payment.path("status").asText());
      return null;
    }
    return new PosOrderEvent(
        "payment:mercadopago:" + dataId,
        payment.path("external_reference").asText(),
        PosOrderEvent.PAID,
        null,
        null,
        dataId);
  }

  private JsonNode fetchPayment(String id) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(properties.mercadoPago().baseUrl() + "/v1/payments/" + id))
                  .timeout(Duration.ofSeconds(10))
                  .header("Authorization", "Bearer " + properties.mercadoPago().accessToken())
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "Mercado Pago answered " + response.statusCode() + " for payment " + id);
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("Mercado Pago unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      throw WebhookRejectedException.malformed("body is not JSON");
    }
  }

  private static Map<String, String> signatureParts(String header) {
    Map<String, String> parts = new HashMap<>();
    if (header != null) {
      for (String part : header.split(",")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
      }
    }
    return parts;
  }

  private static Map<String, String> query(String url) {
    Map<String, String> params = new HashMap<>();
    int q = url.indexOf('?');
    if (q >= 0) {
      for (String pair : url.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          try {
            params.put(
                URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
          } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.malformed("the query string is not URL-encoded");
          }
        }
      }
    }
    return params;
  }
}
