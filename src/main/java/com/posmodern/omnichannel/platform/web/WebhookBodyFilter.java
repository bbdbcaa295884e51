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
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads each webhook body once, bounded by the configured size: over the limit the request is
 * refused with 413 before the route sees it; otherwise the exact bytes are kept for the signature
 * check and replayed to the route.
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
    request.setAttribute(WebhookRequest.RAW_BODY_ATTRIBUTE, body);
    chain.doFilter(new ReplayedBodyRequest(request, body), response);
  }

  private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
    log.warn("Webhook {} refused: body over {} bytes", request.getRequestURI(), maxBytes);
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.getWriter().write("{\"error\":\"body over " + maxBytes + " bytes\"}");
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
