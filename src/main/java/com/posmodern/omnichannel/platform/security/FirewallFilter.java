package com.posmodern.omnichannel.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs the firewall on every request before any servlet or filter, and refuses a path with a
 * percent-encoded unreserved character ({@code /%61ctuator}), which RFC 3986 §2.3 says producers
 * should never create and which would reach a servlet under a path other than the one it names:
 * what is refused gets 400 (the client's error). Registered first by {@link SecurityConfiguration}.
 */
class FirewallFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(FirewallFilter.class);

  /** %-encodings of ALPHA, DIGIT, "-", ".", "_" and "~" (RFC 3986 §2.3). */
  private static final Pattern ENCODED_UNRESERVED =
      Pattern.compile("%(?:[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9]|2[DdEe]|5[Ff]|7[Ee])");

  private final HttpFirewall firewall;

  FirewallFilter(HttpFirewall firewall) {
    this.firewall = firewall;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpServletRequest checked;
    try {
      if (ENCODED_UNRESERVED.matcher(request.getRequestURI()).find()) {
        throw new RequestRejectedException("the path percent-encodes an unreserved character");
      }
      checked = firewall.getFirewalledRequest(request);
    } catch (RequestRejectedException e) {
      log.warn("Request refused with 400: {}", e.getMessage());
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    chain.doFilter(checked, response);
  }
}
