package com.posmodern.omnichannel.channel;

import com.posmodern.omnichannel.canonical.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fetches the media a customer sent (a photo of a wrong order, a payment receipt) from the platform
 * that holds it, for the people answering: only from that platform's own hosts, so a forged URL
 * cannot make the app fetch anything else. Twilio media needs Basic auth with the account's
 * credentials (https://www.twilio.com/docs/messaging/api/media-resource), redirects to its CDN (the
 * credentials are not sent there), and may answer 404 for a moment after the webhook
 * (https://support.twilio.com/hc/en-us/articles/44750147594523: retry after 1–3 s with backoff);
 * Meta's attachment URLs are signed CDN links fetched as they are.
 */
public class InboundMedia {

  /** What was fetched. */
  public record Media(String contentType, byte[] bytes) {}

  /** The media cannot be had: a URL from elsewhere, gone, too large, or the platform is down. */
  public static class MediaUnavailableException extends RuntimeException {
    private final int status;

    MediaUnavailableException(int status, String message) {
      super(message);
      this.status = status;
    }

    /** The HTTP status to answer the operator with (400, 404, 413 or 502). */
    public int status() {
      return status;
    }
  }

  /**
   * Where one channel's media may come from and how to ask for it.
   *
   * @param hosts the platform's hosts: exact names, or suffixes starting with a dot
   * @param redirectHosts hosts a redirect may lead to (fetched without credentials)
   * @param basicAuth {@code user:password} for the platform's hosts, or null
   * @param retries how many times a 404 is retried (Twilio's propagation delay), 0 for none
   */
  public record Source(
      List<String> hosts, List<String> redirectHosts, String basicAuth, int retries) {}

  /** Twilio's limit for inbound WhatsApp media is 16 MB; nothing larger is held in memory. */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  private final Map<Channel, Source> sources;
  private final Duration retryDelay;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /**
   * @param retryDelay the first wait after a 404 (doubled on each retry)
   */
  public InboundMedia(Map<Channel, Source> sources, Duration retryDelay) {
    this.sources = Map.copyOf(sources);
    this.retryDelay = retryDelay;
  }

  /** Fetches one attachment of a message that came through {@code channel}. */
  public Media fetch(Channel channel, String url) {
    Source source = sources.get(channel);
    URI uri = parse(url);
    if (source == null || !allowed(uri, source.hosts())) {
      throw new MediaUnavailableException(
          400, "not a " + channel.id() + " media URL: " + uri.getHost());
    }
    int attempt = 0;
    while (true) {
      HttpResponse<InputStream> response = get(uri, source.basicAuth());
      int status = response.statusCode();
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        URI target = uri.resolve(response.headers().firstValue("Location").orElse(""));
        close(response);
        if (!allowed(target, source.redirectHosts()) && !allowed(target, source.hosts())) {
          throw new MediaUnavailableException(
              502, channel.id() + " media redirected to an unexpected host: " + target.getHost());
        }
        response = get(target, allowed(target, source.hosts()) ? source.basicAuth() : null);
        status = response.statusCode();
      }
      if (status == 404 && attempt < source.retries()) {
        close(response);
        sleep(retryDelay.multipliedBy(1L << attempt));
        attempt++;
        continue;
      }
      if (status / 100 != 2) {
        close(response);
        throw new MediaUnavailableException(
            status == 404 ? 404 : 502, channel.id() + " media answered " + status);
      }
      return read(response);
    }
  }

  private Media read(HttpResponse<InputStream> response) {
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (length > MAX_BYTES) {
      close(response);
      throw new MediaUnavailableException(413, "media larger than " + MAX_BYTES + " bytes");
    }
    try (InputStream in = response.body()) {
      byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new MediaUnavailableException(413, "media larger than " + MAX_BYTES + " bytes");
      }
      return new Media(
          response.headers().firstValue("Content-Type").orElse("application/octet-stream"), bytes);
    } catch (IOException e) {
      throw new MediaUnavailableException(502, "media download failed: " + e.getMessage());
    }
  }

  private HttpResponse<InputStream> get(URI uri, String basicAuth) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
    if (basicAuth != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new MediaUnavailableException(502, "media host unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaUnavailableException(502, "interrupted");
    }
  }

  private static URI parse(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getHost() == null
          || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new MediaUnavailableException(400, "not a media URL: " + url);
    }
  }

  /** Exact host names, or suffixes written with a leading dot; https only for real hosts. */
  private static boolean allowed(URI uri, List<String> hosts) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    boolean local = host.equals("localhost") || host.equals("127.0.0.1");
    if (!"https".equals(uri.getScheme()) && !local) {
      return false;
    }
    String authority = uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    return hosts.stream()
        .map(h -> h.toLowerCase(Locale.ROOT))
        .anyMatch(
            h -> h.startsWith(".") ? host.endsWith(h) : h.equals(host) || h.equals(authority));
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // nothing to keep
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MediaUnavailableException(502, "interrupted");
    }
  }
}
