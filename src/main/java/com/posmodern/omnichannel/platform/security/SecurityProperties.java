package com.posmodern.omnichannel.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the operator surfaces, bound from {@code omnichannel.security.*}. An account without
 * a password does not exist: there is no default password outside the development profile.
 *
 * @param pos the POS's account for {@code /api/pos/**}
 * @param agent the support agents' account for {@code /api/agent/**}
 * @param operator the operators' account for everything else (actuator, Hawtio)
 */
@ConfigurationProperties("omnichannel.security")
public record SecurityProperties(Account pos, Account agent, Account operator) {

  /** A username and password; the password may be plain or a {@code {bcrypt}…} hash. */
  public record Account(String username, String password) {

    boolean enabled() {
      return username != null && !username.isBlank() && password != null && !password.isBlank();
    }
  }
}
