package com.posmodern.omnichannel.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.support.EndToEndTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * With a live channel (the shared end-to-end app has all three) the simulator does not exist: its
 * page, its script and its API answer 404 to anyone, like the rest of the sandbox, while the agent
 * inbox still sends an anonymous visitor to the login page.
 */
class SimulatorAbsentWhenLiveTest extends EndToEndTestSupport {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everySimulatorPathAnswers404() throws Exception {
    for (String path :
        new String[] {
          "/simulator",
          "/simulator/simulator.js",
          "/simulator/api/config",
          "/simulator/api/stream?channel=whatsapp&customer=%2B5511987654321",
          "/simulator/api/orders/latest?channel=messenger&customer=900000000000002"
        }) {
      assertThat(get(path).statusCode()).as(path).isEqualTo(404);
    }
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(URI.create(base() + "/simulator/api/messages"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"channel\":\"whatsapp\",\"customerId\":\"+5511987654321\",\"text\":\"oi\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(404);
  }

  @Test
  void theInboxSendsAnAnonymousVisitorToTheLoginPage() throws Exception {
    HttpResponse<String> inbox = get("/inbox");
    assertThat(inbox.statusCode()).isEqualTo(302);
    assertThat(inbox.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    HttpResponse<String> login = get("/login");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body())
        .contains("name=\"username\"", "name=\"_csrf\"")
        .doesNotContain("__CSRF");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
