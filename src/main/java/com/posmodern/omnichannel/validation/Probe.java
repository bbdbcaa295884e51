package com.posmodern.omnichannel.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The validator's HTTP calls: short timeouts, and a failure to connect is an answer too; with the
 * few helpers the checks share to build requests and describe answers.
 */
public final class Probe {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An answer: the status (0 when nothing answered) and the body or the connection error. */
  public record Answer(int status, String body) {

    public boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The status and the start of the body, for evidence. */
    public String describe() {
      if (status == 0) {
        return "nothing (" + body + ")";
      }
      String text = body == null ? "" : body.strip();
      return status
          + (text.isEmpty()
              ? ""
              : " " + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
    }

    /** The body as JSON; an empty object when it is not JSON. */
    public JsonNode json() {
      try {
        return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (IOException e) {
        return JSON.createObjectNode();
      }
    }
  }

  private final HttpClient http;
  private final Duration timeout;

  Probe(Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.timeout = timeout;
  }

  public Answer get(String url, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
    headers.forEach(request::header);
    return send(request);
  }

  public Answer post(String url, Map<String, String> headers, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    return send(request);
  }

  /** A form post's body. */
  public static String formBody(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  /** An {@code Authorization: Basic} value. */
  public static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A URL-encoded value. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, "interrupted");
    }
  }
}
