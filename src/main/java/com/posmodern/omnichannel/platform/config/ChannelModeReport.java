package com.posmodern.omnichannel.platform.config;

import com.posmodern.omnichannel.channel.BasePlatformIntegration;
import com.posmodern.omnichannel.channel.ChannelMode;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs once ready, per channel, whether it is live, sandboxed or off and where its sends go (what
 * may start at all is {@link ProductionPosture}'s decision).
 */
@Component
class ChannelModeReport {

  private static final Logger log = LoggerFactory.getLogger(ChannelModeReport.class);

  private final List<BasePlatformIntegration> channels;

  ChannelModeReport(List<BasePlatformIntegration> channels) {
    this.channels = channels;
  }

  @EventListener(ApplicationReadyEvent.class)
  void report() {
    for (BasePlatformIntegration channel : channels) {
      if (channel.mode() == ChannelMode.OFF) {
        log.info(
            "Channel {}: OFF — no credentials beside a live channel; its webhooks answer 404",
            channel.channel().id());
      } else {
        log.info(
            "Channel {}: {} — replies go to {}",
            channel.channel().id(),
            channel.mode() == ChannelMode.LIVE ? "LIVE" : "SANDBOXED",
            channel.sendTarget());
      }
    }
  }
}
