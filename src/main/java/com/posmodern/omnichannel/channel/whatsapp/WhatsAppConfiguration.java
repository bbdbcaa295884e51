package com.posmodern.omnichannel.channel.whatsapp;

import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.platform.web.PublicUrls;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The WhatsApp edge: the bean the whatsapp routes call, its capabilities and its templates. */
@Configuration(proxyBeanMethods = false)
class WhatsAppConfiguration {

  @Bean
  WhatsAppIntegration whatsAppIntegration(
      CapabilityTable capabilities,
      WhatsAppProperties properties,
      WebhookProperties webhook,
      SandboxLocation sandbox) {
    return new WhatsAppIntegration(capabilities.of(Channel.WHATSAPP), properties, webhook, sandbox);
  }

  /** What WhatsApp can show, for its chatbot. */
  @Bean
  ChannelCapabilities whatsAppCapabilities(WhatsAppIntegration whatsApp) {
    return whatsApp.capabilities();
  }

  /** What the validator checks on WhatsApp. */
  @Bean
  WhatsAppChecks whatsAppChecks(
      WhatsAppProperties properties, SandboxLocation sandbox, PublicUrls urls) {
    return new WhatsAppChecks(properties, sandbox, urls);
  }

  @Bean
  WhatsAppContentSetup whatsAppContentSetup(
      CapabilityTable capabilities, WhatsAppProperties properties) {
    return new WhatsAppContentSetup(capabilities.of(Channel.WHATSAPP), properties);
  }
}
