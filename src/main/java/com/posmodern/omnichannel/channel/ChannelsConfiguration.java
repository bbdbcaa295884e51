package com.posmodern.omnichannel.channel;

import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.reply.SendPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every channel edge contributes to: the capability table, the media fetcher and the send
 * policy, each built from all the {@link BasePlatformIntegration} beans (one per channel, wired in
 * its own package), so a new channel needs no edit here.
 */
@Configuration(proxyBeanMethods = false)
class ChannelsConfiguration {

  @Bean
  CapabilityTable capabilityTable() {
    return CapabilityTable.load();
  }

  @Bean
  InboundMedia inboundMedia(
      List<BasePlatformIntegration> channels,
      @Value("${omnichannel.whatsapp.media-retry-delay-ms:1000}") long retryDelayMs) {
    Map<Channel, InboundMedia.Source> sources = new EnumMap<>(Channel.class);
    channels.forEach(channel -> sources.put(channel.channel(), channel.mediaSource()));
    return new InboundMedia(sources, Duration.ofMillis(retryDelayMs));
  }

  /**
   * The messaging-window policy every reply route asks first; a notification may go out after the
   * window where the channel has an approved template for it.
   */
  @Bean
  SendPolicy sendPolicy(
      CapabilityTable capabilities, List<BasePlatformIntegration> channels, Clock clock) {
    Map<Channel, Set<String>> templates = new EnumMap<>(Channel.class);
    channels.forEach(channel -> templates.put(channel.channel(), channel.templateUses()));
    return new SendPolicy(capabilities, templates, clock);
  }
}
