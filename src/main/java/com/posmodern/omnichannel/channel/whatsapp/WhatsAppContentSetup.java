package com.posmodern.omnichannel.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, once per Twilio account, the generic Content API templates WhatsApp choices are shown
 * with: {@code quick-reply-1..3} (body {{1}}, buttons {{2}}/{{3}}, {{4}}/{{5}}, …) and {@code
 * list-picker-1..10} (body {{1}}, items {{2}}/{{3}}/{{4}}, …), as many as the capability table
 * allows, through {@code POST /v1/Content}
 * (https://www.twilio.com/docs/content/content-api-resources). Templates that already exist (by
 * friendly name) are reused, so running it again changes nothing. Session-only: WhatsApp does not
 * approve list pickers, and in-session messages need no approval.
 */
public class WhatsAppContentSetup {

  private static final Logger log = LoggerFactory.getLogger(WhatsAppContentSetup.class);
  private static final String PREFIX = "posmodern_";

  private final ChannelCapabilities capabilities;
  private final WhatsAppProperties properties;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public WhatsAppContentSetup(ChannelCapabilities capabilities, WhatsAppProperties properties) {
    this.capabilities = capabilities;
    this.properties = properties;
  }

  /**
   * Creates what is missing and returns every template's SID by use, to put under {@code
   * omnichannel.whatsapp.content-sids}.
   *
   * @param language the templates' language ({@code pt_BR})
   * @param listButton the label of the list picker's button, in that language
   */
  public Map<String, String> run(String language, String listButton) {
    if (!properties.live()) {
      throw new IllegalStateException(
          "Set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN first: the templates live in the Twilio account");
    }
    Map<String, String> existing = existingByFriendlyName();
    Map<String, String> sids = new LinkedHashMap<>();
    for (int n = 1; n <= capabilities.quickReplies().max(); n++) {
      sids.put(
          WhatsAppContent.quickReplyUse(n),
          ensure(existing, WhatsAppContent.quickReplyUse(n), language, quickReply(n), 1 + 2 * n));
    }
    for (int n = 1; n <= capabilities.list().maxItems(); n++) {
      sids.put(
          WhatsAppContent.listPickerUse(n),
          ensure(
              existing,
              WhatsAppContent.listPickerUse(n),
              language,
              listPicker(n, listButton),
              1 + 3 * n));
    }
    return sids;
  }

  /** The {@code twilio/quick-reply} type with {@code n} buttons, all variables. */
  static ObjectNode quickReply(int n) {
    ObjectNode type = CanonicalJson.mapper().createObjectNode();
    type.put("body", "{{1}}");
    ArrayNode actions = type.putArray("actions");
    for (int i = 0; i < n; i++) {
      actions
          .addObject()
          .put("title", "{{" + (2 + 2 * i) + "}}")
          .put("id", "{{" + (3 + 2 * i) + "}}");
    }
    ObjectNode types = CanonicalJson.mapper().createObjectNode();
    types.set("twilio/quick-reply", type);
    return types;
  }

  /** The {@code twilio/list-picker} type with {@code n} items, all variables but the button. */
  static ObjectNode listPicker(int n, String button) {
    ObjectNode type = CanonicalJson.mapper().createObjectNode();
    type.put("body", "{{1}}");
    type.put("button", button);
    ArrayNode items = type.putArray("items");
    for (int i = 0; i < n; i++) {
      items
          .addObject()
          .put("item", "{{" + (2 + 3 * i) + "}}")
          .put("id", "{{" + (3 + 3 * i) + "}}")
          .put("description", "{{" + (4 + 3 * i) + "}}");
    }
    ObjectNode types = CanonicalJson.mapper().createObjectNode();
    types.set("twilio/list-picker", type);
    return types;
  }

  private String ensure(
      Map<String, String> existing,
      String use,
      String language,
      ObjectNode types,
      int variableCount) {
    String friendlyName = PREFIX + use.replace('-', '_') + "_" + language.toLowerCase();
    String sid = existing.get(friendlyName);
    if (sid != null) {
      return sid;
    }
    ObjectNode body = CanonicalJson.mapper().createObjectNode();
    body.put("friendly_name", friendlyName);
    body.put("language", language);
    ObjectNode variables = body.putObject("variables");
    // A sample value for each placeholder, as Twilio asks.
    variables.put("1", "Escolha uma opção");
    for (int i = 2; i <= variableCount; i++) {
      variables.put(Integer.toString(i), "opcao" + i);
    }
    body.set("types", types);
    JsonNode created = call("POST", "/v1/Content", body.toString());
    sid = created.path("sid").asText(null);
    if (sid == null) {
      throw new IllegalStateException(
          "Twilio created " + friendlyName + " without a sid: " + created);
    }
    log.info("WhatsApp content template {} created: {}", friendlyName, sid);
    return sid;
  }

  private Map<String, String> existingByFriendlyName() {
    Map<String, String> found = new HashMap<>();
    String next = "/v1/Content?PageSize=500";
    while (next != null && !next.isBlank()) {
      JsonNode page = call("GET", next, null);
      page.path("contents")
          .forEach(c -> found.put(c.path("friendly_name").asText(), c.path("sid").asText()));
      String nextUrl = page.path("meta").path("next_page_url").asText(null);
      next = nextUrl == null ? null : URI.create(nextUrl).getRawPath() + queryOf(nextUrl);
    }
    return found;
  }

  private JsonNode call(String method, String pathAndQuery, String json) {
    String base = properties.contentBaseUrl().replaceAll("/+$", "");
    String credentials = properties.accountSid() + ":" + properties.authToken();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(Duration.ofSeconds(20))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
            .header("Accept", "application/json");
    if (json != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "Twilio Content API answered "
                + response.statusCode()
                + " to "
                + method
                + " "
                + pathAndQuery
                + ": "
                + response.body());
      }
      return CanonicalJson.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("Twilio Content API unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private static String queryOf(String url) {
    String query = URI.create(url).getRawQuery();
    return query == null ? "" : "?" + query;
  }
}
