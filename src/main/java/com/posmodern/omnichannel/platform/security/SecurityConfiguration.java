package com.posmodern.omnichannel.platform.security;

import com.posmodern.omnichannel.sandbox.SandboxEnabledCondition;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what: the webhooks, the health probe, PIX QR images and (when enabled) the sandbox
 * are public (the webhooks verify their own signatures); the POS API needs the POS account, the
 * agent API an agent, everything else an operator. HTTP Basic, no sessions for the APIs.
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
  SecurityFilterChain publicSurfaces(HttpSecurity http, Environment environment) throws Exception {
    List<String> paths =
        new ArrayList<>(
            List.of(
                "/webhooks/**",
                "/actuator/health",
                "/actuator/health/**",
                "/payments/pix/**",
                "/privacy/deletion-status"));
    if (SandboxEnabledCondition.enabled(environment)) {
      paths.add("/sandbox/**");
    }
    http.securityMatcher(paths.toArray(String[]::new))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
    return http.build();
  }

  /**
   * Everything else: the POS API, the agent API, and operator surfaces, each for its own account.
   */
  @Bean
  @Order(2)
  SecurityFilterChain operatorSurfaces(HttpSecurity http) throws Exception {
    http.csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
        .authorizeHttpRequests(
            auth -> {
              auth.requestMatchers("/error").permitAll();
              auth.requestMatchers("/api/pos/**").hasRole("POS");
              auth.requestMatchers("/api/agent/**").hasRole("AGENT");
              auth.anyRequest().hasRole("OPERATOR");
            })
        .httpBasic(Customizer.withDefaults());
    return http.build();
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
