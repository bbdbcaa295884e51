package com.posmodern.omnichannel.channel.messenger;

import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.channel.meta.GraphApiProperties;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Messenger edge: the bean the messenger routes call, and its capabilities. */
@Configuration(proxyBeanMethods = false)
class MessengerConfiguration {

  @Bean
  MessengerIntegration messengerIntegration(
      CapabilityTable capabilities,
      MessengerProperties properties,
      GraphApiProperties graph,
      WebhookProperties webhook,
      SandboxLocation sandbox) {
    return new MessengerIntegration(
        capabilities.of(Channel.MESSENGER), properties, graph, webhook, sandbox);
  }

  /** What the validator checks on Messenger. */
  @Bean
  MessengerChecks messengerChecks(
      MessengerProperties properties,
      GraphApiProperties graph,
      SandboxLocation sandbox,
      Clock clock) {
    return new MessengerChecks(properties, graph, sandbox, clock);
  }

  /** What Messenger can show, for its chatbot. */
  @Bean
  ChannelCapabilities messengerCapabilities(MessengerIntegration messenger) {
    return messenger.capabilities();
  }
}
