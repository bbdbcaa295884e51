package com.posmodern.omnichannel.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The validator against the sandbox (no account configured anywhere): every check passes, through
 * the real routes, and the JSON file has the documented shape; the same from the operator endpoint
 * and the validate command.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:validator-sandbox;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
      "omnichannel.security.operator.password=" + ValidatorSandboxTest.OPERATOR_PASSWORD,
      "omnichannel.marketing.integrations=facebook-pixel,ga4",
      "omnichannel.validator.results-dir=target/validation-sandbox"
    })
class ValidatorSandboxTest {

  static final String OPERATOR_PASSWORD = "validator-operator-password";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired OmnichannelValidator validator;
  @Autowired SqsClient sqs;
  @LocalServerPort int port;

  @Test
  void messagesOnAShardBeyondTheConfiguredOnesFailTheQueueCheck() {
    // As if SQS_INBOUND_SHARDS had been 5 and was lowered to 4 before inbound-4.fifo drained.
    String url =
        sqs.createQueue(
                b ->
                    b.queueName("inbound-4.fifo")
                        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
            .queueUrl();
    try {
      sqs.sendMessage(
          b ->
              b.queueUrl(url)
                  .messageBody("{}")
                  .messageGroupId("whatsapp:+14155238886:+5511987654321")
                  .messageDeduplicationId("left-over-1"));

      CheckResult queues =
          validator.run().checks().stream()
              .filter(check -> check.id().equals("sqs.queues"))
              .findFirst()
              .orElseThrow();

      assertThat(queues.status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(queues.evidence())
          .contains("inbound-4.fifo holds 1 message(s) no consumer reads: SQS_INBOUND_SHARDS is 4");
    } finally {
      sqs.deleteQueue(b -> b.queueUrl(url));
    }
  }

  @Test
  void everyCheckPassesAgainstTheSandboxAndTheJsonHasTheDocumentedShape() throws Exception {
    ValidationReport report = validator.run();

    assertThat(report.checks())
        .allSatisfy(
            check ->
                assertThat(check.status())
                    .as("%s: %s → %s", check.id(), check.evidence(), check.remediation())
                    .isEqualTo(CheckResult.Status.PASS));
    assertThat(report.checks())
        .extracting(CheckResult::id)
        .contains(
            "whatsapp.credentials",
            "whatsapp.webhook-signature",
            "messenger.token",
            "messenger.subscription",
            "messenger.verify-handshake",
            "instagram.webhook-signature",
            "facebook-pixel.test-event",
            "facebook-pixel.hashing",
            "ga4.validation",
            "sqs.queues",
            "database.schema",
            "capabilities.freshness",
            "whatsapp.round-trip",
            "messenger.round-trip",
            "instagram.round-trip");
    assertThat(report.passed()).isTrue();

    JsonNode file = JSON.readTree(Path.of(report.file()).toFile());
    assertThat(file.path("runId").asText()).isEqualTo(report.runId());
    assertThat(file.path("status").asText()).isEqualTo("PASS");
    assertThat(file.path("startedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(file.path("finishedAt").isTextual()).isTrue();
    assertThat(file.path("summary").path("PASS").asInt()).isEqualTo(report.checks().size());
    assertThat(file.path("summary").path("FAIL").asInt()).isZero();
    assertThat(file.path("modes").path("whatsapp").asText()).isEqualTo("sandbox");
    assertThat(file.path("modes").path("facebook-pixel").asText()).isEqualTo("sandbox");
    JsonNode first = file.path("checks").get(0);
    assertThat(first.fieldNames())
        .toIterable()
        .containsExactly("id", "integration", "status", "durationMs", "evidence", "remediation");
    assertThat(first.path("durationMs").isIntegralNumber()).isTrue();
    assertThat(file.toString()).doesNotContain("dev-twilio-auth-token", "dev-messenger-app-secret");
  }

  @Test
  void theOperatorEndpointRunsItAndRefusesAnonymousCallers() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI uri = URI.create("http://localhost:" + port + "/api/operator/validate");

    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> operator =
        http.send(
            HttpRequest.newBuilder(uri)
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                ("operator:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(operator.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(operator.body()).path("status").asText()).isEqualTo("PASS");
  }

  @Test
  void theValidateCommandExitsWithZeroAndDoesNothingWithoutItsArgument() {
    AtomicInteger exit = new AtomicInteger(-1);
    ValidatorCommand command = new ValidatorCommand(validator, exit::set);

    command.run(new DefaultApplicationArguments("--server.port=0"));
    assertThat(exit.get()).isEqualTo(-1);

    command.run(new DefaultApplicationArguments("validate"));
    assertThat(exit.get()).isZero();
  }
}
