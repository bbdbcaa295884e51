package com.posmodern.omnichannel.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The campaign API over real HTTP, signed in as the operator (Basic auth). */
public final class OperatorApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String authorization;

  public OperatorApi(int port, String operatorPassword) {
    this.base = "http://localhost:" + port;
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("operator:" + operatorPassword).getBytes(StandardCharsets.UTF_8));
  }

  public HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", authorization)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Starts, stops, resumes or cancels a campaign. */
  public HttpResponse<String> move(String id, String action)
      throws IOException, InterruptedException {
    return post("/api/operator/campaigns/" + id + "/" + action, "");
  }

  /** The campaign with its progress. */
  public JsonNode campaign(String id) throws IOException, InterruptedException {
    return JSON.readTree(get("/api/operator/campaigns/" + id).body());
  }
}
