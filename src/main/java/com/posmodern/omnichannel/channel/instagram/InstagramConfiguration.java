package com.posmodern.omnichannel.channel.instagram;

import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.channel.meta.GraphApiProperties;
import com.posmodern.omnichannel.channel.meta.MetaChecks;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import java.time.Clock;
import java.util.List;
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

  /**
   * What the validator checks on Instagram: the token, the account's subscription (the token's own
   * account, {@code me}, when INSTAGRAM_ACCOUNT_ID is not set), the webhook.
   */
  @Bean
  MetaChecks instagramChecks(
      InstagramProperties properties,
      GraphApiProperties graph,
      SandboxLocation sandbox,
      Clock clock) {
    boolean noAccount = properties.accountId() == null || properties.accountId().isBlank();
    return new MetaChecks(
        new MetaChecks.Account(
            Channel.INSTAGRAM,
            properties::live,
            graph.instagramBaseUrl(),
            false,
            properties.accessToken(),
            properties.appSecret(),
            properties.verifyToken(),
            "instagram",
            noAccount ? "me" : properties.accountId(),
            null,
            noAccount ? "900000000000200" : properties.accountId(),
            "900000000000200",
            List.of("INSTAGRAM_ACCESS_TOKEN", "INSTAGRAM_APP_SECRET", "INSTAGRAM_VERIFY_TOKEN"),
            "Instagram API with Instagram Login",
            "Instagram account"),
        graph,
        sandbox,
        clock);
  }

  /** What Instagram can show, for its chatbot. */
  @Bean
  ChannelCapabilities instagramCapabilities(InstagramIntegration instagram) {
    return instagram.capabilities();
  }
}
