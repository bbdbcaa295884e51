package com.posmodern.omnichannel.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Webhooks answer 503 with {@code Retry-After} while the app cannot take them: from the moment the
 * port opens until the routes have started (Spring Boot's readiness turns to accepting traffic once
 * the application is ready), and again from the moment shutdown begins (readiness turns to refusing
 * traffic before the routes stop; requests already inside finish, as graceful shutdown waits for
 * them). Without it, that window answers 404, which Twilio does not retry
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides: only connection
 * failures and 5xx are retried) and Meta counts as a failing endpoint.
 */
public class WebhookGate extends OncePerRequestFilter {

  /** Seconds a platform is asked to wait before it tries again. */
  static final String RETRY_AFTER_SECONDS = "5";

  private final ApplicationAvailability availability;

  public WebhookGate(ApplicationAvailability availability) {
    this.availability = availability;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/webhooks/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().write("starting or stopping: try again shortly");
      return;
    }
    chain.doFilter(request, response);
  }
}
