package com.posmodern.omnichannel.support;

import com.posmodern.omnichannel.channel.meta.MetaSignature;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends webhooks to the running app the way the platforms do: Twilio's signed form posts and Meta's
 * signed JSON, over real HTTP.
 */
public final class Webhooks {

  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;

  public Webhooks(int port) {
    this.baseUrl = "http://localhost:" + port;
  }

  /** A Twilio WhatsApp message from a customer, signed with the auth token. */
  public HttpResponse<String> whatsApp(
      String authToken, String messageSid, String fromPhone, String body) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", messageSid);
    form.put("AccountSid", "ACtest");
    form.put("From", "whatsapp:" + fromPhone);
    form.put("To", "whatsapp:+14155238886");
    form.put("Body", body);
    form.put("NumMedia", "0");
    form.put("ProfileName", "Maria Souza");
    form.put("WaId", fromPhone.substring(1));
    return whatsAppForm(form, twilioSignature(authToken, baseUrl + "/webhooks/whatsapp", form));
  }

  /** A Twilio form post with the given signature header (null for none). */
  public HttpResponse<String> whatsAppForm(Map<String, String> form, String signature) {
    return twilioForm("/webhooks/whatsapp", form, signature);
  }

  /** A Twilio status callback, signed with the auth token. */
  public HttpResponse<String> whatsAppStatus(String authToken, Map<String, String> form) {
    String path = "/webhooks/whatsapp/status";
    return twilioForm(path, form, twilioSignature(authToken, baseUrl + path, form));
  }

  private HttpResponse<String> twilioForm(String path, Map<String, String> form, String signature) {
    String body =
        form.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    return send(request.build());
  }

  /** A Meta webhook body signed with the app secret. */
  public HttpResponse<String> meta(String channel, String appSecret, byte[] body) {
    return metaWithHeader(channel, body, MetaSignature.sign(appSecret, body));
  }

  /** A Meta webhook body with the given signature header (null for none). */
  public HttpResponse<String> metaWithHeader(String channel, byte[] body, String signature) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/" + channel))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header(MetaSignature.HEADER, signature);
    }
    return send(request.build());
  }

  /** The subscription handshake. */
  public HttpResponse<String> verify(String channel, String token, String challenge) {
    return send(
        HttpRequest.newBuilder(
                URI.create(
                    baseUrl
                        + "/webhooks/"
                        + channel
                        + "?hub.mode=subscribe&hub.verify_token="
                        + enc(token)
                        + "&hub.challenge="
                        + enc(challenge)))
            .GET()
            .build());
  }

  /** A GET on the app. */
  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
  }

  /**
   * One Messenger or Instagram text message, as Meta's webhook sends it (non-ASCII escaped as
   * \\uXXXX).
   */
  public static byte[] metaText(
      String object, String businessId, String senderId, String mid, String text) {
    return ("{\"object\":\"%s\",\"entry\":[{\"id\":\"%s\",\"time\":1700000000000,\"messaging\":[{\"sender\":{\"id\":\"%s\"},"
            + "\"recipient\":{\"id\":\"%s\"},\"timestamp\":1700000000000,\"message\":{\"mid\":\"%s\",\"text\":\"%s\"}}]}]}")
        .formatted(object, businessId, senderId, businessId, mid, escapeLikeMeta(text))
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Twilio's signature: Base64(HMAC-SHA1(token, url + sorted name/value pairs)). */
  public static String twilioSignature(String authToken, String url, Map<String, String> form) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String escapeLikeMeta(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
