package com.posmodern.omnichannel.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.posmodern.omnichannel.platform.web.Hmac;
import com.posmodern.omnichannel.platform.web.PublicUrls;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import com.posmodern.omnichannel.platform.web.WebhookRejectedException;
import com.posmodern.omnichannel.platform.web.WebhookRequest;
import com.posmodern.omnichannel.pos.orders.PosOrderEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * Card payments through Mercado Pago, against a WireMock stand-in of its API that checks the
 * request shape.
 */
class MercadoPagoTest {

  private final WireMockServer api = new WireMockServer(options().dynamicPort());
  private PaymentProperties properties;

  @BeforeEach
  void start() {
    api.start();
    properties =
        new PaymentProperties(
            new PaymentProperties.Pix("key", "Cantina", "Sao Paulo"),
            "mercadopago",
            "unused",
            new PaymentProperties.MercadoPago(
                "APP_USR-test-token", api.baseUrl(), "mp-webhook-secret"));
  }

  @AfterEach
  void stop() {
    api.stop();
  }

  @Test
  void aPreferenceIsCreatedForTheOrderTotalAndItsInitPointIsTheLink() {
    api.stubFor(
        post(urlPathEqualTo("/checkout/preferences"))
            .withHeader("Authorization", equalTo("Bearer APP_USR-test-token"))
            .withRequestBody(
                equalToJson(
                    "{\"items\":[{\"id\":\"K7Q2M9XD\",\"title\":\"Pedido K7Q2M9XD\",\"quantity\":1,\"currency_id\":\"BRL\","
                        + "\"unit_price\":123.70}],\"external_reference\":\"K7Q2M9XD\","
                        + "\"notification_url\":\"https://bot.example.com/webhooks/payments/mercadopago\"}"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\":\"123-pref\",\"init_point\":\"https://www.mercadopago.com.br/checkout/v1/redirect?pref_id=123-pref\"}")));
    PublicUrls urls =
        new PublicUrls(
            new WebhookProperties("https://bot.example.com", DataSize.ofKilobytes(256)),
            new SandboxLocation());

    PaymentLink link =
        new MercadoPagoPaymentProvider(properties.mercadoPago(), urls)
            .linkFor("K7Q2M9XD", "Pedido K7Q2M9XD", 12370);

    assertThat(link.url())
        .isEqualTo("https://www.mercadopago.com.br/checkout/v1/redirect?pref_id=123-pref");
    assertThat(link.reference()).isEqualTo("123-pref");
    api.verify(
        postRequestedFor(urlPathEqualTo("/checkout/preferences"))
            .withHeader("X-Idempotency-Key", equalTo("order-K7Q2M9XD")));
  }

  @Test
  void aSignedNotificationOfAnApprovedPaymentBecomesAPaidEvent() {
    api.stubFor(
        get(urlPathEqualTo("/v1/payments/98765"))
            .withHeader("Authorization", equalTo("Bearer APP_USR-test-token"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\":98765,\"status\":\"approved\",\"external_reference\":\"K7Q2M9XD\"}")));
    String body =
        "{\"action\":\"payment.updated\",\"type\":\"payment\",\"data\":{\"id\":\"98765\"}}";
    String manifest = "id:98765;request-id:req-1;ts:1742505638683;";
    String signature =
        "ts=1742505638683,v1="
            + Hmac.sha256Hex("mp-webhook-secret", manifest.getBytes(StandardCharsets.UTF_8));

    PosOrderEvent event =
        new PaymentWebhooks(properties, null, false).mercadoPago(request(body, signature));

    assertThat(event)
        .isEqualTo(
            new PosOrderEvent(
                "payment:mercadopago:98765", "K7Q2M9XD", "paid", null, null, "98765"));
  }

  @Test
  void aForgedNotificationIsRefused() {
    String body = "{\"type\":\"payment\",\"data\":{\"id\":\"98765\"}}";

    assertThatThrownBy(
            () ->
                new PaymentWebhooks(properties, null, false)
                    .mercadoPago(request(body, "ts=1,v1=00ff")))
        .isInstanceOf(WebhookRejectedException.class)
        .hasMessageContaining("x-signature");
  }

  private static WebhookRequest request(String body, String signature) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("x-signature", signature);
    headers.put("x-request-id", "req-1");
    return new WebhookRequest(
        "https://bot.example.com/webhooks/payments/mercadopago?data.id=98765&type=payment",
        headers,
        body.getBytes(StandardCharsets.UTF_8));
  }
}
