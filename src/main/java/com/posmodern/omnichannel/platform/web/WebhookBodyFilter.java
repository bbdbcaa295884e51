package com.posmodern.omnichannel.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads each webhook body once, bounded by the configured size: over the limit the request is
 * refused with 413 before the route sees it; otherwise the exact bytes are kept for the signature
 * check and replayed to the route. A POST with a body must also say what it carries as the
 * platforms do: JSON (Meta, Mercado Pago) or a URL-encoded form (Twilio, Meta's data-deletion
 * callback); anything else gets 415, and a form that is not well formed (a part without {@code =},
 * a bad {@code %} escape, bytes that are not UTF-8) gets 400, here, because Camel's HTTP binding
 * would otherwise fail on it with a 500 before the route and its error policy run.
 */
public class WebhookBodyFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(WebhookBodyFilter.class);

  private final long maxBytes;

  public WebhookBodyFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/webhooks/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      reject(request, response);
      return;
    }
    byte[] body = readAtMost(request.getInputStream(), maxBytes + 1);
    if (body.length > maxBytes) {
      reject(request, response);
      return;
    }
    if ("POST".equals(request.getMethod()) && body.length > 0) {
      MediaType type = mediaType(request.getContentType());
      if (type == null
          || !(type.isCompatibleWith(MediaType.APPLICATION_JSON)
              || type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED))) {
        refuse(
            request,
            response,
            HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
            "Content-Type must be application/json or application/x-www-form-urlencoded");
        return;
      }
      String problem =
          type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)
              ? formProblem(body)
              : (utf8(body) == null ? "JSON body is not UTF-8 (RFC 8259, section 8.1)" : null);
      if (problem != null) {
        refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, problem);
        return;
      }
    }
    request.setAttribute(WebhookRequest.RAW_BODY_ATTRIBUTE, body);
    chain.doFilter(new ReplayedBodyRequest(request, body), response);
  }

  private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
    refuse(
        request,
        response,
        HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
        "body over " + maxBytes + " bytes");
  }

  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, int status, String reason)
      throws IOException {
    log.warn("Webhook {} refused with {}: {}", request.getRequestURI(), status, reason);
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.getWriter().write("{\"error\":\"" + reason + "\"}");
  }

  private static MediaType mediaType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return null;
    }
    try {
      return MediaType.parseMediaType(contentType);
    } catch (InvalidMediaTypeException e) {
      return null;
    }
  }

  /**
   * Why a body is not an application/x-www-form-urlencoded form (WHATWG URL standard, "urlencoded
   * parsing"; as Twilio and Meta send it, every name has a {@code =}), or null when it is one.
   */
  static String formProblem(byte[] body) {
    String text = utf8(body);
    if (text == null) {
      return "form body is not UTF-8";
    }
    String[] parts = text.split("&", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty()) {
        if (i == parts.length - 1 && i > 0) {
          continue; // a trailing & is harmless
        }
        return "form has an empty part";
      }
      int equals = part.indexOf('=');
      if (equals <= 0) {
        return "form part without a name and '='";
      }
      if (!decodes(part.substring(0, equals)) || !decodes(part.substring(equals + 1))) {
        return "form has a bad %-escape or one that is not UTF-8";
      }
    }
    return null;
  }

  /** Whether every %XX escape is complete and the bytes they spell are UTF-8. */
  private static boolean decodes(String encoded) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    int run = 0;
    for (int i = 0; i < encoded.length(); i++) {
      if (encoded.charAt(i) != '%') {
        continue;
      }
      bytes.writeBytes(encoded.substring(run, i).getBytes(StandardCharsets.UTF_8));
      if (i + 2 >= encoded.length()
          || Character.digit(encoded.charAt(i + 1), 16) < 0
          || Character.digit(encoded.charAt(i + 2), 16) < 0) {
        return false;
      }
      bytes.write(
          Character.digit(encoded.charAt(i + 1), 16) * 16
              + Character.digit(encoded.charAt(i + 2), 16));
      i += 2;
      run = i + 1;
    }
    bytes.writeBytes(encoded.substring(run).getBytes(StandardCharsets.UTF_8));
    return utf8(bytes.toByteArray()) != null;
  }

  /** The bytes as text when they are well-formed UTF-8 (no surrogates, no overlongs), else null. */
  private static String utf8(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int read;
    while (out.size() < limit
        && (read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - out.size()))) != -1) {
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  /** The request with its body replayed from memory. */
  private static final class ReplayedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    ReplayedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous reads only");
        }
      };
    }
  }
}
