package com.posmodern.omnichannel.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * Where a login lands: the page the person was sent away from, else their own console (agents: the
 * inbox; operators: Hawtio).
 */
class ConsoleLanding extends SavedRequestAwareAuthenticationSuccessHandler {

  @Override
  protected String determineTargetUrl(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
    boolean agent =
        authentication.getAuthorities().stream()
            .anyMatch(granted -> "ROLE_AGENT".equals(granted.getAuthority()));
    return agent ? "/inbox" : "/actuator/hawtio/";
  }
}
