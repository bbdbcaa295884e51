package com.posmodern.omnichannel.platform.config;

import com.posmodern.omnichannel.channel.BasePlatformIntegration;
import com.posmodern.omnichannel.sandbox.SandboxEnabledCondition;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a live channel with a development secret or a sandboxed channel without the
 * sandbox, and logs once ready, per channel, whether it is live or sandboxed and where its sends
 * go.
 */
@Component
class ChannelModeReport {

  /**
   * Development defaults of the verification secrets start with this; they must never guard a live
   * channel.
   */
  static final String DEVELOPMENT_SECRET_PREFIX = "dev-";

  private static final Logger log = LoggerFactory.getLogger(ChannelModeReport.class);

  private final List<BasePlatformIntegration> channels;

  ChannelModeReport(List<BasePlatformIntegration> channels, Environment environment) {
    this.channels = channels;
    boolean sandbox = SandboxEnabledCondition.enabled(environment);
    for (BasePlatformIntegration channel : channels) {
      String prefix = "omnichannel." + channel.channel().id() + ".";
      if (channel.live()) {
        for (String secret : List.of("auth-token", "app-secret", "verify-token")) {
          String value = environment.getProperty(prefix + secret);
          if (value != null && value.startsWith(DEVELOPMENT_SECRET_PREFIX)) {
            throw new IllegalStateException(
                channel.channel().id()
                    + " has live credentials but "
                    + prefix
                    + secret
                    + " is still the development default: set it from the environment");
          }
        }
      } else if (!sandbox) {
        throw new IllegalStateException(
            channel.channel().id()
                + " has no send credential and omnichannel.sandbox.enabled is false");
      }
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void report() {
    for (BasePlatformIntegration channel : channels) {
      log.info(
          "Channel {}: {} — replies go to {}",
          channel.channel().id(),
          channel.live() ? "LIVE" : "SANDBOXED",
          channel.sendTarget());
    }
  }
}
