package com.posmodern.omnichannel.validation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.posmodern.omnichannel.validation.CheckResult.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The validator with a broken configuration: a Twilio auth token Twilio refuses, a Messenger token
 * the Graph API refuses, a Mercado Pago token Mercado Pago refuses (WireMock stand-ins answering as
 * the platforms do), and a missing queue. The right checks fail with a useful remediation, the
 * others still pass, Instagram (not configured beside live channels) is off, and the command exits
 * with 1.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:validator-broken;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
      "omnichannel.validator.results-dir=target/validation-broken"
    })
class ValidatorBrokenConfigurationTest {

  private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  private static final WireMockServer platforms = new WireMockServer(options().dynamicPort());

  static {
    platforms.start();
    // Twilio's account fetch: only the real auth token is accepted.
    platforms.stubFor(
        get(urlPathEqualTo("/2010-04-01/Accounts/" + ACCOUNT + ".json"))
            .atPriority(1)
            .withHeader(
                "Authorization",
                equalTo(
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (ACCOUNT + ":the-real-token").getBytes(StandardCharsets.UTF_8))))
            .willReturn(aResponse().withStatus(200).withBody("{\"status\":\"active\"}")));
    platforms.stubFor(
        get(urlPathEqualTo("/2010-04-01/Accounts/" + ACCOUNT + ".json"))
            .atPriority(5)
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}")));
    // Mercado Pago refusing the access token (GET /users/me).
    platforms.stubFor(
        get(urlPathEqualTo("/mp/users/me"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"message\":\"invalid access token\",\"error\":\"unauthorized\",\"status\":401}")));
    // The Graph API refusing an expired token.
    platforms.stubFor(
        get(urlPathEqualTo("/graph/v25.0/me"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"Error validating access token: Session has expired\",\"type\":\"OAuthException\",\"code\":190,\"error_subcode\":463}}")));
  }

  @DynamicPropertySource
  static void brokenChannels(DynamicPropertyRegistry registry) {
    registry.add("omnichannel.whatsapp.account-sid", () -> ACCOUNT);
    registry.add("omnichannel.whatsapp.auth-token", () -> "a-wrong-token");
    registry.add("omnichannel.whatsapp.api-base-url", platforms::baseUrl);
    registry.add("omnichannel.messenger.access-token", () -> "EAAexpired");
    registry.add("omnichannel.messenger.page-id", () -> "900000000000001");
    registry.add("omnichannel.messenger.app-secret", () -> "broken-test-app-secret");
    registry.add("omnichannel.messenger.verify-token", () -> "broken-test-verify-token");
    registry.add("omnichannel.graph.base-url", () -> platforms.baseUrl() + "/graph");
    registry.add("omnichannel.graph.version", () -> "v25.0");
    registry.add("omnichannel.whatsapp.phone-number", () -> "+5511999990000");
    registry.add("omnichannel.payment.pix.key", () -> "52998224725");
    registry.add("omnichannel.payment.pix.merchant-name", () -> "Restaurante Teste");
    registry.add("omnichannel.payment.card-provider", () -> "mercadopago");
    registry.add("omnichannel.payment.mercado-pago.access-token", () -> "APP_USR-revoked");
    registry.add("omnichannel.payment.mercado-pago.webhook-secret", () -> "mp-secret");
    registry.add("omnichannel.payment.mercado-pago.base-url", () -> platforms.baseUrl() + "/mp");
    registry.add("omnichannel.menu.catalog", () -> "classpath:menu/sample-menu.json");
  }

  @AfterAll
  static void stopPlatforms() {
    platforms.stop();
  }

  @Autowired OmnichannelValidator validator;
  @Autowired SqsClient sqs;

  @Test
  void theRightChecksFailWithRemediationAndTheCommandExitsWithOne() throws Exception {
    String missing = sqs.getQueueUrl(b -> b.queueName("pos-orders.fifo")).queueUrl();
    sqs.deleteQueue(b -> b.queueUrl(missing));

    ValidationReport report = validator.run();
    Map<String, CheckResult> checks =
        report.checks().stream().collect(Collectors.toMap(CheckResult::id, Function.identity()));

    assertThat(report.passed()).isFalse();
    assertThat(checks.get("whatsapp.credentials").status()).isEqualTo(Status.FAIL);
    assertThat(checks.get("whatsapp.credentials").evidence()).contains("401", "20003");
    assertThat(checks.get("whatsapp.credentials").remediation())
        .contains("TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN");
    assertThat(checks.get("messenger.token").status()).isEqualTo(Status.FAIL);
    assertThat(checks.get("messenger.token").evidence()).contains("Session has expired");
    assertThat(checks.get("messenger.token").remediation()).contains("MESSENGER_ACCESS_TOKEN");
    assertThat(checks.get("sqs.queues").status()).isEqualTo(Status.FAIL);
    assertThat(checks.get("sqs.queues").evidence()).contains("pos-orders.fifo does not exist");
    assertThat(checks.get("sqs.queues").remediation()).contains("docker/elasticmq.conf");
    assertThat(checks.get("payment.card-provider").status()).isEqualTo(Status.FAIL);
    assertThat(checks.get("payment.card-provider").evidence()).contains("401");
    assertThat(checks.get("payment.card-provider").remediation())
        .contains("MERCADOPAGO_ACCESS_TOKEN");
    assertThat(checks.get("payment.pix-key").status()).isEqualTo(Status.PASS);
    assertThat(checks.get("payment.pix-key").evidence()).contains("cpf key");
    // what is not broken still passes; live channels get no round trip
    assertThat(checks.get("database.schema").status()).isEqualTo(Status.PASS);
    assertThat(checks.get("instagram.token").status()).isEqualTo(Status.SKIPPED);
    assertThat(checks.get("instagram.token").evidence()).contains("off");
    assertThat(checks.get("instagram.round-trip").status()).isEqualTo(Status.SKIPPED);
    assertThat(checks.get("whatsapp.round-trip").status()).isEqualTo(Status.SKIPPED);
    assertThat(checks.get("messenger.round-trip").status()).isEqualTo(Status.SKIPPED);

    JsonNode file = new ObjectMapper().readTree(Path.of(report.file()).toFile());
    assertThat(file.path("status").asText()).isEqualTo("FAIL");
    assertThat(file.path("summary").path("FAIL").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(file.toString()).doesNotContain("a-wrong-token", "EAAexpired", "APP_USR-revoked");
    assertThat(file.path("modes").path("instagram").asText()).isEqualTo("off");

    AtomicInteger exit = new AtomicInteger(-1);
    new ValidatorCommand(validator, exit::set).run(new DefaultApplicationArguments("validate"));
    assertThat(exit.get()).isEqualTo(1);
  }
}
