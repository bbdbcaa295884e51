package com.posmodern.omnichannel.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WireMock stand-ins for the Twilio Messages API, the Graph Send APIs, the marketing APIs and
 * Mercado Pago, answering like the real ones, with helpers to read what each customer was sent, in
 * the order it arrived.
 */
public final class PlatformStubs {

  public static final String TWILIO_ACCOUNT = "ACtest";
  public static final String TWILIO_MESSAGES =
      "/2010-04-01/Accounts/" + TWILIO_ACCOUNT + "/Messages.json";
  public static final String MESSENGER_SEND = "/graph/v25.0/me/messages";
  public static final String INSTAGRAM_SEND = "/instagram/v25.0/me/messages";
  public static final String PIXEL_ID = "PIXEL-1";
  public static final String CAPI_TOKEN = "EAAtestcapitoken";
  public static final String CAPI_EVENTS = "/capi/v25.0/" + PIXEL_ID + "/events";
  public static final String GA4_MEASUREMENT_ID = "G-TEST123";
  public static final String GA4_SECRET = "test-ga4-secret";
  public static final String GA4_COLLECT = "/ga4/mp/collect";
  public static final String MERCADOPAGO = "/mercadopago";
  public static final String MERCADOPAGO_CHECKOUT =
      "https://www.mercadopago.com.br/checkout/v1/redirect?pref_id=";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server =
      new WireMockServer(options().dynamicPort().containerThreads(40));

  public PlatformStubs start() {
    server.start();
    server.stubFor(
        post(urlPathEqualTo(TWILIO_MESSAGES))
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"sid\":\"SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"status\":\"queued\",\"account_sid\":\""
                            + TWILIO_ACCOUNT
                            + "\",\"api_version\":\"2010-04-01\",\"direction\":\"outbound-api\"}")));
    for (String path : List.of(MESSENGER_SEND, INSTAGRAM_SEND)) {
      server.stubFor(
          post(urlPathEqualTo(path))
              .atPriority(10)
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"recipient_id\":\"R\",\"message_id\":\"m_sent\"}")));
    }
    stubMarketing();
    // Checkout Pro: a preference per order, its init_point the customer's link.
    server.stubFor(
        post(urlPathEqualTo(MERCADOPAGO + "/checkout/preferences"))
            .atPriority(10)
            .withHeader("Authorization", equalTo("Bearer " + EndToEndTestSupport.MERCADOPAGO_TOKEN))
            .withRequestBody(matchingJsonPath("$.external_reference"))
            .withRequestBody(matchingJsonPath("$.items[0].unit_price"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\":\"pref-1\",\"init_point\":\""
                            + MERCADOPAGO_CHECKOUT
                            + "pref-1\"}")));
    return this;
  }

  /** Mercado Pago's payments API answering that a payment is approved for an order. */
  public void approvedPayment(String paymentId, String orderId) {
    server.stubFor(
        get(urlPathEqualTo(MERCADOPAGO + "/v1/payments/" + paymentId))
            .withHeader("Authorization", equalTo("Bearer " + EndToEndTestSupport.MERCADOPAGO_TOKEN))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"id\":"
                            + paymentId
                            + ",\"status\":\"approved\",\"external_reference\":\""
                            + orderId
                            + "\"}")));
  }

  /**
   * The Conversions API and GA4 as they answer well-formed requests; a request of another shape
   * gets WireMock's 404, which the app records as a refusal.
   */
  public void stubMarketing() {
    server.stubFor(
        post(urlPathEqualTo(CAPI_EVENTS))
            .atPriority(10)
            .withHeader("Content-Type", containing("application/json"))
            .withRequestBody(matchingJsonPath("$.access_token", equalTo(CAPI_TOKEN)))
            .withRequestBody(matchingJsonPath("$.data[0].event_name"))
            .withRequestBody(matchingJsonPath("$.data[0].event_time"))
            .withRequestBody(matchingJsonPath("$.data[0].event_id"))
            .withRequestBody(matchingJsonPath("$.data[0].action_source"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"events_received\":1,\"messages\":[],\"fbtrace_id\":\"AbCtrace\"}")));
    server.stubFor(
        post(urlPathEqualTo(GA4_COLLECT))
            .atPriority(10)
            .withQueryParam("measurement_id", equalTo(GA4_MEASUREMENT_ID))
            .withQueryParam("api_secret", equalTo(GA4_SECRET))
            .withRequestBody(matchingJsonPath("$.client_id"))
            .withRequestBody(matchingJsonPath("$.events[0].name"))
            .willReturn(aResponse().withStatus(204)));
  }

  public WireMockServer server() {
    return server;
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  /** The Twilio form posts sent to one WhatsApp number, in arrival order, as name → value. */
  public List<Map<String, String>> whatsAppSentTo(String phone) {
    return requests(TWILIO_MESSAGES).stream()
        .map(PlatformStubs::form)
        .filter(form -> ("whatsapp:" + phone).equals(form.get("To")))
        .toList();
  }

  /** The Send API bodies sent to one PSID or IGSID, in arrival order. */
  public List<JsonNode> metaSentTo(String path, String recipientId) {
    return requests(path).stream()
        .map(PlatformStubs::json)
        .filter(body -> recipientId.equals(body.path("recipient").path("id").asText()))
        .toList();
  }

  /** The raw requests to one path, in arrival order. */
  public List<LoggedRequest> requests(String path) {
    List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo(path)));
    return requests.stream()
        .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
        .toList();
  }

  public static Map<String, String> form(LoggedRequest request) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  public static JsonNode json(LoggedRequest request) {
    try {
      return JSON.readTree(request.getBody());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
