package com.posmodern.omnichannel.platform.config;

import com.posmodern.omnichannel.channel.instagram.InstagramProperties;
import com.posmodern.omnichannel.channel.messenger.MessengerProperties;
import com.posmodern.omnichannel.channel.whatsapp.WhatsAppProperties;
import com.posmodern.omnichannel.marketing.MarketingEventLog;
import com.posmodern.omnichannel.marketing.MarketingIntegration;
import com.posmodern.omnichannel.marketing.MarketingProperties;
import com.posmodern.omnichannel.marketing.MarketingRecorder;
import com.posmodern.omnichannel.marketing.MarketingRelay;
import com.posmodern.omnichannel.marketing.facebook.CustomerInformation;
import com.posmodern.omnichannel.marketing.facebook.FacebookPixelIntegration;
import com.posmodern.omnichannel.marketing.ga4.GoogleAnalyticsIntegration;
import com.posmodern.omnichannel.platform.web.PublicUrls;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import com.posmodern.omnichannel.privacy.MetaDataDeletion;
import com.posmodern.omnichannel.privacy.PersonalData;
import com.posmodern.omnichannel.privacy.PrivacyProperties;
import com.posmodern.omnichannel.sandbox.SandboxEnabledCondition;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marketing events (the configured {@link MarketingIntegration}s, their recorder and relay) and
 * personal data (consent ledger, erasure, Meta's deletion callback).
 */
@Configuration(proxyBeanMethods = false)
class MarketingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MarketingConfiguration.class);

  @Bean
  List<MarketingIntegration> marketingIntegrations(
      MarketingProperties properties,
      SandboxLocation sandbox,
      Environment environment,
      WhatsAppProperties whatsApp,
      MessengerProperties messenger,
      InstagramProperties instagram) {
    // Real customers' events never go to the sandbox (its recordings are public): an unconfigured
    // platform uses the sandbox only while no channel is live, and skips events otherwise.
    boolean sandboxEnabled =
        SandboxEnabledCondition.enabled(environment)
            && !whatsApp.live()
            && !messenger.live()
            && !instagram.live();
    List<MarketingIntegration> integrations = new ArrayList<>();
    for (String id : properties.integrations()) {
      MarketingIntegration integration =
          switch (id) {
            case FacebookPixelIntegration.ID ->
                new FacebookPixelIntegration(
                    properties.facebook(),
                    CustomerInformation.brazil(),
                    sandbox::baseUrl,
                    sandboxEnabled);
            case GoogleAnalyticsIntegration.ID ->
                new GoogleAnalyticsIntegration(properties.ga4(), sandbox::baseUrl, sandboxEnabled);
            default ->
                throw new IllegalArgumentException(
                    "Unknown marketing integration '"
                        + id
                        + "' in omnichannel.marketing.integrations (known: facebook-pixel, ga4)");
          };
      log.info(
          "Marketing {}: {}",
          integration.id(),
          integration.live()
              ? "LIVE"
              : sandboxEnabled ? "SANDBOXED" : "NOT CONFIGURED (events skipped)");
      integrations.add(integration);
    }
    return List.copyOf(integrations);
  }

  @Bean
  MarketingEventLog marketingEventLog(MarketingProperties properties, Clock clock) {
    return new MarketingEventLog(Path.of(properties.logDir()), clock);
  }

  @Bean
  ConsentLedger consentLedger(JdbcClient jdbc, Clock clock, PrivacyProperties privacy) {
    return new ConsentLedger(
        jdbc, clock, ConsentLedger.LegalBasis.of(privacy.marketingLegalBasis()));
  }

  @Bean
  MarketingRecorder marketingRecorder(
      JdbcClient jdbc,
      Clock clock,
      MarketingProperties properties,
      List<MarketingIntegration> marketingIntegrations,
      ConsentLedger consent,
      MarketingEventLog outcomes) {
    return new MarketingRecorder(jdbc, clock, properties, marketingIntegrations, consent, outcomes);
  }

  @Bean
  MarketingRelay marketingRelay(
      JdbcClient jdbc,
      Clock clock,
      MarketingProperties properties,
      List<MarketingIntegration> marketingIntegrations,
      MarketingEventLog outcomes,
      com.posmodern.omnichannel.platform.metrics.OmnichannelMetrics metrics) {
    return new MarketingRelay(
        jdbc,
        clock,
        properties,
        marketingIntegrations,
        outcomes,
        metrics::marketingEvent,
        properties.connectTimeout(),
        properties.requestTimeout());
  }

  @Bean
  PersonalData personalData(
      JdbcClient jdbc, TransactionTemplate transactions, Clock clock, PrivacyProperties privacy) {
    return new PersonalData(jdbc, transactions, clock, privacy.retention());
  }

  @Bean
  MetaDataDeletion metaDataDeletion(
      PersonalData personalData,
      MessengerProperties messenger,
      InstagramProperties instagram,
      PublicUrls urls,
      WebhookProperties webhook,
      SandboxLocation sandbox,
      Clock clock) {
    // Only a live channel's app secret signs deletions: a sandboxed channel's development secret is
    // public. While the sandbox runs (no channel live), the development secrets let it be tried;
    // beside a live WhatsApp only, no secret: the callback answers 404.
    List<String> secrets = new ArrayList<>();
    if (messenger.live()) {
      secrets.add(messenger.appSecret());
    }
    if (instagram.live()) {
      secrets.add(instagram.appSecret());
    }
    if (secrets.isEmpty() && sandbox.active()) {
      secrets.add(messenger.appSecret());
      secrets.add(instagram.appSecret());
    }
    return new MetaDataDeletion(personalData, secrets, urls, webhook.publicBaseUrl(), clock);
  }
}
