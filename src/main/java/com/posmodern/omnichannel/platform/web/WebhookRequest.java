package com.posmodern.omnichannel.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * A webhook call as a signature check needs it: the URL the platform called, the headers, and the
 * body bytes exactly as received (never re-serialised). Built by {@link #of(Exchange, String)} from
 * a platform-http exchange.
 *
 * @param url the full URL including the query string, with the public base URL when one is
 *     configured
 * @param headers request headers, case-insensitive
 * @param body the raw body bytes
 */
public record WebhookRequest(String url, Map<String, String> headers, byte[] body) {

  /** The request attribute where {@link WebhookBodyFilter} keeps the raw body. */
  static final String RAW_BODY_ATTRIBUTE = WebhookRequest.class.getName() + ".body";

  /** A header, case-insensitively; null when absent. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Reads the webhook from a platform-http exchange. */
  public static WebhookRequest of(Exchange exchange, String publicBaseUrl) {
    if (!(exchange.getIn() instanceof PlatformHttpMessage message)) {
      throw new IllegalStateException(
          "Not a platform-http exchange: webhook beans must be the first step of the route");
    }
    HttpServletRequest request = message.getRequest();
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    request
        .getHeaderNames()
        .asIterator()
        .forEachRemaining(name -> headers.put(name, request.getHeader(name)));
    byte[] body = (byte[]) request.getAttribute(RAW_BODY_ATTRIBUTE);
    return new WebhookRequest(
        calledUrl(request, publicBaseUrl), headers, body == null ? new byte[0] : body);
  }

  private static String calledUrl(HttpServletRequest request, String publicBaseUrl) {
    String base =
        publicBaseUrl == null || publicBaseUrl.isBlank()
            ? request.getRequestURL().toString()
            : stripTrailingSlash(publicBaseUrl) + request.getRequestURI();
    return request.getQueryString() == null ? base : base + "?" + request.getQueryString();
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
