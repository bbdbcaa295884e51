package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.posmodern.omnichannel.OmnichannelApplication;
import com.posmodern.omnichannel.payment.PaymentWebhooks;
import com.posmodern.omnichannel.platform.web.Hmac;
import com.posmodern.omnichannel.support.PlatformStubs;
import com.posmodern.omnichannel.support.Webhooks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A WhatsApp-only restaurant (Messenger and Instagram never configured): the other channels' public
 * development secrets open nothing, the sandbox and its payment routes are absent, and only the
 * configured payment provider's signed notification can mark an order paid. The same restaurant
 * left on the sandbox payment provider and sample settings does not start.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties =
        "spring.datasource.url=jdbc:h2:mem:whatsapp-only;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1")
class WhatsAppOnlyLiveEndToEndTest {

  private static final String TOKEN = "whatsapp-only-auth-token";
  private static final PlatformStubs platforms = new PlatformStubs().start();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void whatsAppOnly(DynamicPropertyRegistry registry) {
    registry.add("omnichannel.whatsapp.account-sid", () -> PlatformStubs.TWILIO_ACCOUNT);
    registry.add("omnichannel.whatsapp.auth-token", () -> TOKEN);
    registry.add("omnichannel.whatsapp.phone-number", () -> "+5511999990000");
    registry.add("omnichannel.whatsapp.api-base-url", platforms::baseUrl);
    registry.add("omnichannel.payment.pix.key", () -> "12345678000195");
    registry.add("omnichannel.payment.pix.merchant-name", () -> "Pizzaria do Bairro");
    registry.add("omnichannel.payment.card-provider", () -> "mercadopago");
    registry.add("omnichannel.payment.mercado-pago.access-token", () -> "APP_USR-whatsapp-only");
    registry.add("omnichannel.payment.mercado-pago.webhook-secret", () -> "mp-whatsapp-only");
    registry.add("omnichannel.menu.catalog", () -> "classpath:menu/sample-menu.json");
  }

  @AfterAll
  static void stopStubs() {
    platforms.server().stop();
  }

  @Test
  void theUnconfiguredChannelsAnswer404ToTheirPublicDevelopmentSecrets() {
    Webhooks webhooks = new Webhooks(port);

    assertThat(
            webhooks
                .meta(
                    "messenger",
                    "dev-messenger-app-secret",
                    Webhooks.metaText(
                        "page", "900000000000101", "900000000000048", "m_off", "quero uma pizza"))
                .statusCode())
        .isEqualTo(404);
    assertThat(
            webhooks
                .meta(
                    "instagram",
                    "dev-instagram-app-secret",
                    Webhooks.metaText(
                        "instagram", "900000000000102", "900000000000049", "m_off_ig", "oi"))
                .statusCode())
        .isEqualTo(404);
    assertThat(webhooks.verify("messenger", "dev-messenger-verify-token", "42").statusCode())
        .isEqualTo(404);
    assertThat(webhooks.verify("instagram", "dev-instagram-verify-token", "42").statusCode())
        .isEqualTo(404);

    // The live channel works, and once its message is answered nothing of the others was taken.
    assertThat(
            webhooks
                .whatsApp(TOKEN, "SM000000000000000000000000000only1", "+5511987650077", "oi")
                .statusCode())
        .isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !platforms.whatsAppSentTo("+5511987650077").isEmpty());
    assertThat(
            jdbc.sql(
                    "select count(*) from processed_message where message_id in ('m_off', 'm_off_ig')")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void theSandboxAndItsPaymentRoutesAreAbsent() throws Exception {
    Webhooks webhooks = new Webhooks(port);
    assertThat(webhooks.get("/sandbox/messages").statusCode()).isEqualTo(404);
    assertThat(webhooks.get("/sandbox/payments/ANYORDER").statusCode()).isEqualTo(404);
    assertThat(post("/sandbox/payments/ANYORDER/pay", new byte[0], "X-None", "").statusCode())
        .isEqualTo(404);

    byte[] approval =
        "{\"orderId\":\"ANYORDER\",\"reference\":\"x\",\"status\":\"approved\"}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(
            post(
                    "/webhooks/payments/sandbox",
                    approval,
                    PaymentWebhooks.SANDBOX_SIGNATURE,
                    "sha256=" + Hmac.sha256Hex("dev-payment-webhook-secret", approval))
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void aForgedMercadoPagoNotificationIsRefused() throws Exception {
    byte[] body =
        "{\"type\":\"payment\",\"data\":{\"id\":\"555\"}}".getBytes(StandardCharsets.UTF_8);
    String manifest = "id:555;request-id:req-555;ts:1700000000000;";
    HttpResponse<String> forged =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + port
                            + "/webhooks/payments/mercadopago?data.id=555&type=payment"))
                .header("x-request-id", "req-555")
                .header("Content-Type", "application/json")
                .header(
                    "x-signature",
                    "ts=1700000000000,v1="
                        + Hmac.sha256Hex(
                            "dev-payment-webhook-secret",
                            manifest.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
  }

  @Test
  void metasDeletionCallbackTrustsNoDevelopmentSecretWithoutALiveMetaChannel() throws Exception {
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":"
                        + Instant.now().getEpochSecond()
                        + ",\"user_id\":\"900000000000048\"}")
                    .getBytes(StandardCharsets.UTF_8));
    String signature =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                Hmac.sha256(
                    "dev-messenger-app-secret", payload.getBytes(StandardCharsets.US_ASCII)));
    byte[] body =
        ("signed_request=" + URLEncoder.encode(signature + "." + payload, StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.UTF_8);

    assertThat(
            post(
                    "/webhooks/meta/data-deletion",
                    body,
                    "Content-Type",
                    "application/x-www-form-urlencoded")
                .statusCode())
        .isEqualTo(404);
    assertThat(jdbc.sql("select count(*) from data_deletion").query(Long.class).single()).isZero();
  }

  @Test
  void malformedEncodingIsTheClientsErrorNotAServerError() throws Exception {
    // Sent over a socket: Java's HTTP client refuses to send a malformed escape.
    try (Socket socket = new Socket("localhost", port)) {
      socket
          .getOutputStream()
          .write(
              ("POST /webhooks/payments/mercadopago?data.id=%zz HTTP/1.1\r\nHost: localhost\r\n"
                      + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      String statusLine =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
              .readLine();
      assertThat(statusLine).startsWith("HTTP/1.1 400");
    }
  }

  @Test
  void onTheSandboxPaymentProviderAndSampleSettingsItRefusesToStartAndSaysWhatToSet() {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(OmnichannelApplication.class)
                    .run(
                        "--server.port=0",
                        "--logging.level.org.springframework.boot.diagnostics=OFF",
                        "--omnichannel.whatsapp.account-sid=" + PlatformStubs.TWILIO_ACCOUNT,
                        "--omnichannel.whatsapp.auth-token=" + TOKEN,
                        "--omnichannel.whatsapp.phone-number=+5511999990000")
                    .close())
        .satisfies(
            refused ->
                assertThat(NestedExceptionUtils.getMostSpecificCause(refused).getMessage())
                    .startsWith("Unsafe configuration: ")
                    .contains(
                        "PAYMENT_PROVIDER is sandbox",
                        "PIX_KEY is the sample restaurant's",
                        "neither MENU_CATALOG nor POS_CATALOG_URL is set"));
  }

  private HttpResponse<String> post(String path, byte[] body, String header, String value)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (!value.isEmpty()) {
      request.header(header, value);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
