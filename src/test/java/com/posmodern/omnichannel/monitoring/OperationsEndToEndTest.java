package com.posmodern.omnichannel.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.platform.sqs.QueueMetrics;
import com.posmodern.omnichannel.support.Customer;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import com.posmodern.omnichannel.support.PlatformStubs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What operators rely on: every operator surface refuses anonymous callers, the health probe is
 * public and shows its components to the operator, Prometheus carries per-route and product
 * metrics, and the logs follow a message step by step by its conversation without the customer's
 * number or any secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperationsEndToEndTest extends EndToEndTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired QueueMetrics queueMetrics;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anonymousRequestsToEveryOperatorSurfaceAreRefused() throws Exception {
    List<String[]> surfaces =
        List.of(
            new String[] {"GET", "/api/operator/replies"},
            new String[] {"GET", "/api/operator/dead-letters"},
            new String[] {"POST", "/api/operator/dead-letters/inbound-dlq.fifo/replay"},
            new String[] {"DELETE", "/api/operator/dead-letters/inbound-dlq.fifo/x"},
            new String[] {"GET", "/api/operator/marketing/events"},
            new String[] {"GET", "/api/operator/consent?conversationId=x"},
            new String[] {"POST", "/api/operator/privacy/erase?conversationId=x"},
            new String[] {"POST", "/api/operator/validate"},
            new String[] {"POST", "/api/operator/whatsapp/content-setup"},
            new String[] {"GET", "/api/agent/conversations"},
            new String[] {"POST", "/api/pos/order-events"},
            new String[] {"GET", "/actuator/prometheus"},
            new String[] {"GET", "/actuator/metrics"},
            new String[] {"GET", "/actuator/info"},
            new String[] {"GET", "/actuator/env"},
            new String[] {"GET", "/actuator/jolokia/version"},
            new String[] {"POST", "/actuator/jolokia"});
    for (String[] surface : surfaces) {
      HttpResponse<String> answer = call(surface[0], surface[1], null);
      assertThat(answer.statusCode()).as(surface[0] + " " + surface[1]).isEqualTo(401);
    }
    // the browser console and the Jolokia it calls send an anonymous visitor to the login page
    for (String[] surface :
        List.of(
            new String[] {"GET", "/actuator/hawtio/"},
            new String[] {"GET", "/actuator/hawtio/camel/routes"},
            new String[] {"POST", "/actuator/hawtio/jolokia/"})) {
      HttpResponse<String> console = call(surface[0], surface[1], null);
      assertThat(console.statusCode()).as(surface[1]).isEqualTo(302);
      assertThat(console.headers().firstValue("Location").orElse("")).endsWith("/login");
    }
    // a wrong password is no better than none
    assertThat(call("GET", "/actuator/prometheus", "wrong").statusCode()).isEqualTo(401);
  }

  @Test
  void aBrowserSessionAloneCannotPostToTheOperatorApi() throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new java.net.CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String base = "http://localhost:" + port;
    String form =
        browser
            .send(
                HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    java.util.regex.Matcher csrf =
        java.util.regex.Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"")
            .matcher(form);
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> login =
        browser.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=operator&password="
                            + OPERATOR_PASSWORD
                            + "&_csrf="
                            + csrf.group(1)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");

    HttpResponse<String> read =
        browser.send(
            HttpRequest.newBuilder(URI.create(base + "/api/operator/replies")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> forgedPost =
        browser.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/api/operator/privacy/erase?conversationId=x"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(read.statusCode()).as("the session reads").isEqualTo(200);
    assertThat(forgedPost.statusCode()).as("but cannot post without a CSRF token").isEqualTo(403);
  }

  @Test
  void healthIsPublicAndShowsItsComponentsToTheOperator() throws Exception {
    HttpResponse<String> anonymous = call("GET", "/actuator/health", null);
    HttpResponse<String> operator = call("GET", "/actuator/health", OPERATOR_PASSWORD);

    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(anonymous.body()).path("status").asText()).isEqualTo("UP");
    assertThat(JSON.readTree(anonymous.body()).has("components")).isFalse();
    JsonNode components = JSON.readTree(operator.body()).path("components");
    assertThat(components.fieldNames())
        .toIterable()
        .contains("camelHealth", "db", "readinessState", "livenessState");
    assertThat(components.path("camelHealth").path("status").asText()).isEqualTo("UP");
  }

  @Test
  void prometheusCarriesRouteAndProductMetrics() throws Exception {
    Customer bia = new Customer(port, jdbc, "messenger", "900000000000011", MESSENGER_SECRET);
    bia.says("oi");
    queueMetrics.refresh();

    HttpResponse<String> scrape = call("GET", "/actuator/prometheus", OPERATOR_PASSWORD);

    assertThat(scrape.statusCode()).isEqualTo(200);
    String metrics = scrape.body();
    assertThat(metrics)
        .containsPattern(
            "camel_exchanges_total\\{[^}]*routeId=\"chatbot-consume-\\d+\"[^}]*\\} [1-9]")
        .containsPattern(
            "omnichannel_messages_in_total\\{[^}]*channel=\"messenger\"[^}]*kind=\"text\"[^}]*\\} [1-9]")
        .containsPattern(
            "omnichannel_replies_total\\{[^}]*channel=\"messenger\"[^}]*outcome=\"sent\"[^}]*\\} [1-9]")
        .containsPattern(
            "omnichannel_queue_messages\\{[^}]*queue=\"inbound-dlq.fifo\"[^}]*state=\"visible\"")
        .containsPattern(
            "omnichannel_queue_oldest_message_age_seconds\\{[^}]*queue=\"inbound.fifo\"");
  }

  @Test
  void eachStepOfAMessageLogsItsConversationMaskedAndNoSecret(CapturedOutput output) {
    Customer carla = new Customer(port, jdbc, "whatsapp", "+5511987650099", TWILIO_TOKEN);

    carla.says("quero promoções");
    carla.says("uma feijoada");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                output.getOut().contains("reply") && output.getOut().contains("sent to whatsapp"));

    String masked = "[whatsapp:+14155238886:+55•••••••0099]";
    String log = output.getOut() + output.getErr();
    assertThat(log)
        .contains(masked + " c.p.o.platform.sqs.InboundQueue")
        .containsPattern("\\Q" + masked + "\\E.*TEXT SM\\d+ queued")
        .containsPattern("\\Q" + masked + "\\E.*TEXT SM\\d+ processed → step")
        .containsPattern("\\Q" + masked + "\\E.*reply \\d+ sent to whatsapp");
    assertThat(log)
        .doesNotContain("5511987650099", "87650099")
        .doesNotContain(
            TWILIO_TOKEN, MESSENGER_SECRET, PlatformStubs.CAPI_TOKEN, OPERATOR_PASSWORD);
  }

  private HttpResponse<String> call(String method, String path, String password) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (password != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(("operator:" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
