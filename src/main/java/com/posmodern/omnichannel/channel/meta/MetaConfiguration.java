package com.posmodern.omnichannel.channel.meta;

import com.posmodern.omnichannel.platform.web.PublicUrls;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import com.posmodern.omnichannel.privacy.MetaDataDeletion;
import com.posmodern.omnichannel.privacy.PersonalData;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the Meta channels share beyond their edges: Meta's data-deletion callback. */
@Configuration(proxyBeanMethods = false)
class MetaConfiguration {

  /**
   * Only a live channel's app secret signs deletions: a sandboxed channel's development secret is
   * public. While the sandbox runs (no channel live), the development secrets let it be tried;
   * beside a live WhatsApp only, no secret: the callback answers 404.
   */
  @Bean
  MetaDataDeletion metaDataDeletion(
      PersonalData personalData,
      List<MetaIntegration> channels,
      PublicUrls urls,
      WebhookProperties webhook,
      SandboxLocation sandbox,
      Clock clock) {
    List<String> secrets =
        channels.stream()
            .filter(MetaIntegration::live)
            .map(MetaIntegration::signingSecret)
            .toList();
    if (secrets.isEmpty() && sandbox.active()) {
      secrets = channels.stream().map(MetaIntegration::signingSecret).toList();
    }
    return new MetaDataDeletion(personalData, secrets, urls, webhook.publicBaseUrl(), clock);
  }
}
