package com.posmodern.omnichannel.channel.whatsapp;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The HTTP client twilio-java sends through: one pooled JDK client with timeouts, which sends each
 * request to a configurable base URL instead of the hard-coded {@code https://api.twilio.com}
 * (twilio-java has no base-URL setting), so the same SDK calls reach Twilio, the sandbox, or a test
 * stub.
 */
final class TwilioHttpClient extends HttpClient {

  private final java.net.http.HttpClient http;
  private final String baseUrl;
  private final Duration timeout;

  TwilioHttpClient(String baseUrl, Duration connectTimeout, Duration timeout) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timeout = timeout;
    this.http =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .build();
  }

  @Override
  public Response makeRequest(Request request) {
    URI original = URI.create(request.getUrl());
    String query = request.encodeQueryParams();
    URI target =
        URI.create(
            baseUrl
                + original.getRawPath()
                + (query == null || query.isEmpty() ? "" : "?" + query));
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target)
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("User-Agent", "twilio-java (pos-modern-omnichannel)");
    if (request.requiresAuthentication()) {
      builder.header("Authorization", request.getAuthString());
    }
    for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
      header.getValue().forEach(value -> builder.header(header.getKey(), value));
    }
    if (request.getMethod() == HttpMethod.POST) {
      builder
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(request.encodeFormBody()));
    } else {
      builder.method(request.getMethod().toString(), HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.body(), response.statusCode());
    } catch (IOException e) {
      throw new ApiConnectionException("Twilio unreachable at " + target.getHost() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiConnectionException("Interrupted while calling Twilio", e);
    }
  }
}
