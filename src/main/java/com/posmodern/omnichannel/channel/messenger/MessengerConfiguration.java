package com.posmodern.omnichannel.channel.messenger;

import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.channel.meta.GraphApiProperties;
import com.posmodern.omnichannel.channel.meta.MetaChecks;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import com.posmodern.omnichannel.validation.OmnichannelValidator.Outcome;
import java.time.Clock;
import java.util.List;
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

  /**
   * What the validator checks on Messenger: the Page token, the Page's subscription, the webhook.
   */
  @Bean
  MetaChecks messengerChecks(
      MessengerProperties properties,
      GraphApiProperties graph,
      SandboxLocation sandbox,
      Clock clock) {
    String pageId = blank(properties.pageId()) ? null : properties.pageId();
    return new MetaChecks(
        new MetaChecks.Account(
            Channel.MESSENGER,
            properties::live,
            graph.baseUrl(),
            true,
            properties.accessToken(),
            properties.appSecret(),
            properties.verifyToken(),
            "page",
            pageId,
            Outcome.fail(
                "MESSENGER_PAGE_ID is not set", "set MESSENGER_PAGE_ID to the Facebook Page id"),
            pageId == null ? "900000000000100" : pageId,
            "900000000000100",
            List.of("MESSENGER_ACCESS_TOKEN", "MESSENGER_APP_SECRET", "MESSENGER_VERIFY_TOKEN"),
            "Page access token",
            "Page"),
        graph,
        sandbox,
        clock);
  }

  /** What Messenger can show, for its chatbot. */
  @Bean
  ChannelCapabilities messengerCapabilities(MessengerIntegration messenger) {
    return messenger.capabilities();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
