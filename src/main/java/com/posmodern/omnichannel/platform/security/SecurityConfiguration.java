package com.posmodern.omnichannel.platform.security;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what: the webhooks, the health probe, PIX QR images and the sandbox (which exists
 * only while no channel is live) are public (the webhooks verify their own signatures); the POS API
 * needs the POS account, the agent API an agent, everything else an operator: HTTP Basic for the
 * APIs, a login page and a session for the Hawtio console.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  /**
   * The public surfaces: no login at all (their callers send their own Authorization headers, e.g.
   * twilio-java's Basic auth to the sandbox, which must not be taken for a login), no CSRF; the
   * webhooks check signatures.
   */
  @Bean
  @Order(1)
  SecurityFilterChain publicSurfaces(HttpSecurity http) throws Exception {
    // The sandbox's paths (and its simulator's) stay public when it is off too: nothing serves them
    // then, so anyone gets 404 (not a login challenge that suggests something is there). /console/
    // holds the pages' shared stylesheet and script, nothing private.
    http.securityMatcher(
            "/webhooks/**",
            "/payments/pix/**",
            "/privacy/deletion-status",
            "/sandbox/**",
            "/simulator/**",
            "/console/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
    return http.build();
  }

  /**
   * Everything else: the POS API, the agent API, and operator surfaces (APIs, actuator, Prometheus,
   * Hawtio and Jolokia), each for its own account. APIs answer 401 with an HTTP Basic challenge;
   * the browser pages (Hawtio, the agent inbox at /inbox, the campaigns at /campaigns) send an
   * anonymous visitor to the login page and then keep a session (its cookie SameSite=Strict, so no
   * other site can ride it; Jolokia, which Hawtio's page posts to with that session at
   * /actuator/hawtio/jolokia, is therefore exempt from the CSRF token Spring would ask for; the
   * inbox sends the token with each call of the agent API).
   */
  @Bean
  @Order(2)
  SecurityFilterChain operatorSurfaces(HttpSecurity http) throws Exception {
    RequestMatcher hawtio = PathPatternRequestMatcher.withDefaults().matcher("/actuator/hawtio/**");
    RequestMatcher inbox = PathPatternRequestMatcher.withDefaults().matcher("/inbox/**");
    RequestMatcher inboxRoot = PathPatternRequestMatcher.withDefaults().matcher("/inbox");
    RequestMatcher campaigns = PathPatternRequestMatcher.withDefaults().matcher("/campaigns/**");
    BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
    basic.setRealmName("POS Modern Omnichannel");
    RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
    http.csrf(
            csrf ->
                csrf.ignoringRequestMatchers(
                    // API clients send their credentials with each request (HTTP Basic), and a
                    // request without a session has nothing to forge; a browser's session cookie
                    // alone does not spare a POST its CSRF token.
                    request ->
                        api.matches(request)
                            && (request.getHeader("Authorization") != null
                                || request.getRequestedSessionId() == null),
                    PathPatternRequestMatcher.withDefaults().matcher("/actuator/jolokia/**"),
                    PathPatternRequestMatcher.withDefaults()
                        .matcher("/actuator/hawtio/jolokia/**")))
        .authorizeHttpRequests(
            auth -> {
              // The health probe is public; an operator's credentials add its components.
              auth.requestMatchers("/error", "/login", "/actuator/health", "/actuator/health/**")
                  .permitAll();
              auth.requestMatchers("/api/pos/**").hasRole("POS");
              auth.requestMatchers("/api/agent/**", "/inbox", "/inbox/**").hasRole("AGENT");
              auth.anyRequest().hasRole("OPERATOR");
            })
        .formLogin(form -> form.loginPage("/login").successHandler(new ConsoleLanding()))
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .httpBasic(basicAuth -> basicAuth.authenticationEntryPoint(basic))
        // Mappings, not one entry point, so Spring still serves its login page at /login.
        .exceptionHandling(
            exceptions ->
                exceptions
                    // The inbox page's own calls (its live stream, its fetches) get a bare 401, not
                    // a Basic challenge the browser would answer with a password dialog: the page
                    // sends the person to the login page itself.
                    .defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                        request ->
                            "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
                                || String.valueOf(request.getHeader("Accept"))
                                    .contains("text/event-stream"))
                    .defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new OrRequestMatcher(hawtio, inbox, inboxRoot, campaigns))
                    .defaultAuthenticationEntryPointFor(basic, AnyRequestMatcher.INSTANCE));
    return http.build();
  }

  /**
   * Spring Security's firewall ahead of every servlet and filter: a path trick (such as {@code
   * /webhooks/../actuator}, {@code //}, encoded dots or slashes, {@code ;} parameters) is refused
   * with 400 before anything reads the path, not answered 500 by a servlet it was normalised onto.
   */
  @Bean
  FilterRegistrationBean<FirewallFilter> firewallFilter() {
    FilterRegistrationBean<FirewallFilter> registration =
        new FilterRegistrationBean<>(new FirewallFilter(new StrictHttpFirewall()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /**
   * No Micrometer observation around each security filter and authorization: they cost more than a
   * webhook's signature check (benchmark profile), and http.server.requests already times every
   * request.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  UserDetailsService users(SecurityProperties properties) {
    PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    List<UserDetails> users = new ArrayList<>();
    add(users, properties.pos(), "POS", encoder);
    add(users, properties.agent(), "AGENT", encoder);
    add(users, properties.operator(), "OPERATOR", encoder);
    return new InMemoryUserDetailsManager(users);
  }

  private static void add(
      List<UserDetails> users,
      SecurityProperties.Account account,
      String role,
      PasswordEncoder encoder) {
    if (account == null || !account.enabled()) {
      log.warn(
          "No password configured for the {} account: its surfaces refuse everyone",
          role.toLowerCase());
      return;
    }
    String password =
        account.password().startsWith("{")
            ? account.password()
            : encoder.encode(account.password());
    users.add(User.withUsername(account.username()).password(password).roles(role).build());
  }
}
