package com.posmodern.omnichannel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.posmodern.omnichannel.canonical.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stand-ins for the platform APIs while a channel has no credentials: they accept exactly the real
 * request formats (Twilio's {@code Messages.json} form post with Basic auth; the Graph Send API's
 * JSON with an access token), record what they received, and answer like the real APIs. {@code GET
 * /sandbox/messages} lists it.
 */
@RestController
@Conditional(SandboxEnabledCondition.class)
@RequestMapping("/sandbox")
public class SandboxController {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the recordings are filed under: each channel, and the marketing platforms. */
  private static final Set<String> CHANNELS =
      Stream.concat(Arrays.stream(Channel.values()).map(Channel::id), Stream.of("facebook", "ga4"))
          .collect(Collectors.toCollection(LinkedHashSet::new));

  private final SandboxRecorder recorder;

  public SandboxController(SandboxRecorder recorder) {
    this.recorder = recorder;
  }

  /** Twilio's Messages API: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}. */
  @PostMapping(
      path = "/twilio/2010-04-01/Accounts/{accountSid}/Messages.json",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  public ResponseEntity<Map<String, Object>> twilioMessage(
      @PathVariable String accountSid,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody String body) {
    if (!basicAuthFor(accountSid, authorization)) {
      return twilioError(HttpStatus.UNAUTHORIZED, 20003, "Authenticate");
    }
    JsonNode form = SandboxRecorder.parse(MediaType.APPLICATION_FORM_URLENCODED_VALUE, body);
    String to = form.path("To").asText("");
    if (to.isEmpty() || (!form.has("From") && !form.has("MessagingServiceSid"))) {
      return twilioError(
          HttpStatus.BAD_REQUEST, 21604, "A 'To' and a 'From' phone number are required.");
    }
    if (!form.has("Body") && !form.has("MediaUrl") && !form.has("ContentSid")) {
      return twilioError(HttpStatus.BAD_REQUEST, 21602, "Message body is required.");
    }
    if (form.path("Body").asText("").length() > 1600) {
      return twilioError(
          HttpStatus.BAD_REQUEST,
          21617,
          "The concatenated message body exceeds the 1600 character limit.");
    }
    recorder.record(
        "whatsapp",
        to,
        "POST",
        "/2010-04-01/Accounts/" + accountSid + "/Messages.json",
        MediaType.APPLICATION_FORM_URLENCODED_VALUE,
        body);
    String sid = "SM" + randomHex(16);
    String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("account_sid", accountSid);
    answer.put("api_version", "2010-04-01");
    answer.put("body", form.path("Body").asText(""));
    answer.put("date_created", now);
    answer.put("date_updated", now);
    answer.put("direction", "outbound-api");
    answer.put("error_code", null);
    answer.put("error_message", null);
    answer.put("from", form.path("From").asText(null));
    answer.put("num_media", form.has("MediaUrl") ? "1" : "0");
    answer.put("num_segments", "1");
    answer.put("sid", sid);
    answer.put("status", "queued");
    answer.put("to", to);
    answer.put("uri", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json");
    return ResponseEntity.status(HttpStatus.CREATED).body(answer);
  }

  /** Messenger's Send API: {@code POST /{version}/me/messages?access_token=…}. */
  @PostMapping(
      path = "/messenger/{version}/me/messages",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, Object>> messengerMessage(
      @PathVariable String version,
      @RequestParam(name = "access_token", required = false) String accessToken,
      @RequestBody String body) {
    return graphMessage("messenger", "/" + version + "/me/messages", accessToken, body);
  }

  /**
   * Instagram's messaging API: {@code POST /{version}/me/messages} with {@code Authorization:
   * Bearer …}.
   */
  @PostMapping(
      path = "/instagram/{version}/me/messages",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, Object>> instagramMessage(
      @PathVariable String version,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody String body) {
    String token =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring(7).strip()
            : null;
    return graphMessage("instagram", "/" + version + "/me/messages", token, body);
  }

  /**
   * Twilio's account fetch ({@code GET /2010-04-01/Accounts/{sid}.json}), as the validator uses.
   */
  @GetMapping(path = "/twilio/2010-04-01/Accounts/{accountSid}.json")
  public ResponseEntity<Map<String, Object>> twilioAccount(
      @PathVariable String accountSid,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    if (!basicAuthFor(accountSid, authorization)) {
      return twilioError(HttpStatus.UNAUTHORIZED, 20003, "Authenticate");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("sid", accountSid);
    answer.put("friendly_name", "Sandbox account");
    answer.put("status", "active");
    answer.put("type", "Full");
    return ResponseEntity.ok(answer);
  }

  /**
   * The Graph API's {@code GET /{version}/me} for a token (Messenger: the Page; Instagram: the
   * account), as the validator uses.
   */
  @GetMapping(path = "/{channel}/{version}/me")
  public ResponseEntity<Map<String, Object>> graphMe(
      @PathVariable String channel,
      @PathVariable String version,
      @RequestParam(name = "access_token", required = false) String accessToken,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    ResponseEntity<Map<String, Object>> refused = graphRead(channel, accessToken, authorization);
    if (refused != null) {
      return refused;
    }
    return ResponseEntity.ok(
        Map.of(
            "id",
            channel.equals("messenger") ? "sandbox-page" : "sandbox-ig-account",
            "name",
            "Sandbox " + channel));
  }

  /** The Graph API's {@code GET /{version}/{id}/subscribed_apps}: this app, on messages. */
  @GetMapping(path = "/{channel}/{version}/{id}/subscribed_apps")
  public ResponseEntity<Map<String, Object>> graphSubscribedApps(
      @PathVariable String channel,
      @PathVariable String version,
      @PathVariable String id,
      @RequestParam(name = "access_token", required = false) String accessToken,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    ResponseEntity<Map<String, Object>> refused = graphRead(channel, accessToken, authorization);
    if (refused != null) {
      return refused;
    }
    return ResponseEntity.ok(
        Map.of(
            "data",
            List.of(
                Map.of(
                    "id",
                    "sandbox-app",
                    "name",
                    "POS Modern Omnichannel",
                    "subscribed_fields",
                    List.of(
                        "messages",
                        "messaging_postbacks",
                        "message_deliveries",
                        "message_reads")))));
  }

  /**
   * Why a Graph API read of a channel is refused (an unknown channel, no token as Messenger's query
   * parameter or Instagram's bearer header), or null when it may proceed.
   */
  private ResponseEntity<Map<String, Object>> graphRead(
      String channel, String accessToken, String authorization) {
    if (!Set.of("messenger", "instagram").contains(channel)) {
      return ResponseEntity.notFound().build();
    }
    boolean token =
        (accessToken != null && !accessToken.isBlank())
            || (authorization != null && authorization.startsWith("Bearer "));
    return token
        ? null
        : graphError(HttpStatus.BAD_REQUEST, 190, "OAuthException", "An access token is required.");
  }

  /**
   * The Conversions API: {@code POST /{version}/{pixel-id}/events} with {@code data} (at most 1,000
   * events, each with event_name, event_time, action_source) and {@code access_token}. Recorded
   * under "facebook" (the bodies hold hashed data only).
   */
  @PostMapping(
      path = "/facebook/{version}/{pixelId}/events",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Map<String, Object>> conversionsApiEvents(
      @PathVariable String version, @PathVariable String pixelId, @RequestBody String body) {
    JsonNode request;
    try {
      request = JSON.readTree(body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return graphError(
          HttpStatus.BAD_REQUEST, 100, "OAuthException", "Invalid JSON: " + e.getMessage());
    }
    if (request.path("access_token").asText("").isBlank()) {
      return graphError(
          HttpStatus.BAD_REQUEST, 190, "OAuthException", "An access token is required.");
    }
    JsonNode data = request.path("data");
    if (!data.isArray() || data.isEmpty() || data.size() > 1000) {
      return graphError(
          HttpStatus.BAD_REQUEST, 100, "OAuthException", "(#100) data must hold 1 to 1,000 events");
    }
    for (JsonNode event : data) {
      if (event.path("event_name").asText("").isBlank()
          || !event.path("event_time").canConvertToLong()
          || event.path("action_source").asText("").isBlank()) {
        return graphError(
            HttpStatus.BAD_REQUEST,
            100,
            "OAuthException",
            "(#100) every event needs event_name, event_time and action_source");
      }
    }
    ObjectNode recorded = (ObjectNode) request.deepCopy();
    recorded.remove("access_token");
    recorder.record(
        "facebook",
        pixelId,
        "POST",
        "/" + version + "/" + pixelId + "/events",
        MediaType.APPLICATION_JSON_VALUE,
        recorded.toString());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("events_received", data.size());
    answer.put("messages", List.of());
    answer.put("fbtrace_id", "sandbox" + randomHex(8));
    return ResponseEntity.ok(answer);
  }

  /**
   * GA4's Measurement Protocol: {@code POST /mp/collect?measurement_id=…&api_secret=…}, at most 25
   * events of one client. Recorded under "ga4"; answers 204 like Google.
   */
  /** GA4's validation server: checks nothing here, answers as Google does for a valid payload. */
  @PostMapping(path = "/ga4/debug/mp/collect")
  public Map<String, Object> ga4DebugCollect(@RequestBody String body) {
    return Map.of("validationMessages", List.of());
  }

  @PostMapping(path = "/ga4/mp/collect")
  public ResponseEntity<Map<String, Object>> ga4Collect(
      @RequestParam(name = "measurement_id", required = false) String measurementId,
      @RequestParam(name = "api_secret", required = false) String apiSecret,
      @RequestBody String body) {
    if (measurementId == null
        || measurementId.isBlank()
        || apiSecret == null
        || apiSecret.isBlank()) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "measurement_id and api_secret are required"));
    }
    JsonNode request;
    try {
      request = JSON.readTree(body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return ResponseEntity.badRequest().body(Map.of("error", "Invalid JSON: " + e.getMessage()));
    }
    if (request.path("client_id").asText("").isBlank()
        || !request.path("events").isArray()
        || request.path("events").size() > 25) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "client_id and 1 to 25 events are required"));
    }
    recorder.record(
        "ga4",
        request.path("client_id").asText(),
        "POST",
        "/mp/collect?measurement_id=" + measurementId,
        MediaType.APPLICATION_JSON_VALUE,
        body);
    return ResponseEntity.noContent().build();
  }

  /** What the sandbox received for a channel (or all), oldest first. */
  @GetMapping(path = "/messages", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<?> messages(
      @RequestParam(name = "channel", required = false) String channel) {
    if (channel != null && !CHANNELS.contains(channel)) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "channel must be one of " + String.join(", ", CHANNELS)));
    }
    List<SandboxRecorder.RecordedRequest> recorded = recorder.list(channel);
    return ResponseEntity.ok(recorded);
  }

  /** Forgets what was recorded. */
  @DeleteMapping(path = "/messages")
  public Map<String, Integer> clear() {
    return Map.of("deleted", recorder.clear());
  }

  private ResponseEntity<Map<String, Object>> graphMessage(
      String channel, String path, String accessToken, String body) {
    if (accessToken == null || accessToken.isBlank()) {
      return graphError(
          HttpStatus.BAD_REQUEST, 190, "OAuthException", "An access token is required.");
    }
    JsonNode request;
    try {
      request = JSON.readTree(body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return graphError(
          HttpStatus.BAD_REQUEST, 100, "OAuthException", "Invalid JSON: " + e.getMessage());
    }
    String recipient = request.path("recipient").path("id").asText("");
    if (recipient.isEmpty() || !request.has("message")) {
      return graphError(
          HttpStatus.BAD_REQUEST,
          100,
          "OAuthException",
          "(#100) recipient.id and message are required");
    }
    recorder.record(channel, recipient, "POST", path, MediaType.APPLICATION_JSON_VALUE, body);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("recipient_id", recipient);
    answer.put("message_id", "m_" + randomHex(24));
    return ResponseEntity.ok(answer);
  }

  private static boolean basicAuthFor(String accountSid, String authorization) {
    if (authorization == null || !authorization.startsWith("Basic ")) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    return colon > 0
        && decoded.substring(0, colon).equals(accountSid)
        && colon < decoded.length() - 1;
  }

  private static ResponseEntity<Map<String, Object>> twilioError(
      HttpStatus status, int code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("more_info", "https://www.twilio.com/docs/errors/" + code);
    error.put("status", status.value());
    return ResponseEntity.status(status).body(error);
  }

  private static ResponseEntity<Map<String, Object>> graphError(
      HttpStatus status, int code, String type, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", type);
    error.put("code", code);
    return ResponseEntity.status(status).body(Map.of("error", error));
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
