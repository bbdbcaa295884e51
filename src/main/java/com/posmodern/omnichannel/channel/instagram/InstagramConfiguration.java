package com.posmodern.omnichannel.channel.instagram;

import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.channel.meta.GraphApiProperties;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Instagram edge: the bean the instagram routes call, and its capabilities. */
@Configuration(proxyBeanMethods = false)
class InstagramConfiguration {

  @Bean
  InstagramIntegration instagramIntegration(
      CapabilityTable capabilities,
      InstagramProperties properties,
      GraphApiProperties graph,
      WebhookProperties webhook,
      SandboxLocation sandbox) {
    return new InstagramIntegration(
        capabilities.of(Channel.INSTAGRAM), properties, graph, webhook, sandbox);
  }

  /** What the validator checks on Instagram. */
  @Bean
  InstagramChecks instagramChecks(
      InstagramProperties properties,
      GraphApiProperties graph,
      SandboxLocation sandbox,
      Clock clock) {
    return new InstagramChecks(properties, graph, sandbox, clock);
  }

  /** What Instagram can show, for its chatbot. */
  @Bean
  ChannelCapabilities instagramCapabilities(InstagramIntegration instagram) {
    return instagram.capabilities();
  }
}
