package com.posmodern.omnichannel.platform.config;

import com.posmodern.omnichannel.marketing.CampaignTouch;
import com.posmodern.omnichannel.marketing.MarketingEventLog;
import com.posmodern.omnichannel.marketing.MarketingIntegration;
import com.posmodern.omnichannel.marketing.MarketingProperties;
import com.posmodern.omnichannel.marketing.MarketingRecorder;
import com.posmodern.omnichannel.marketing.MarketingRelay;
import com.posmodern.omnichannel.marketing.facebook.CustomerInformation;
import com.posmodern.omnichannel.marketing.facebook.FacebookPixelIntegration;
import com.posmodern.omnichannel.marketing.ga4.GoogleAnalyticsIntegration;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Marketing events: the configured {@link MarketingIntegration}s, their recorder and relay. (Here,
 * not in {@code marketing}, because it names each platform's package.)
 */
@Configuration(proxyBeanMethods = false)
class MarketingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MarketingConfiguration.class);

  @Bean
  List<MarketingIntegration> marketingIntegrations(
      MarketingProperties properties, SandboxLocation sandbox) {
    // Real customers' events never go to the sandbox (its recordings are public): an unconfigured
    // platform uses the sandbox only while no channel is live, and skips events otherwise.
    boolean sandboxEnabled = sandbox.active();
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
  MarketingRecorder marketingRecorder(
      JdbcClient jdbc,
      Clock clock,
      MarketingProperties properties,
      List<MarketingIntegration> marketingIntegrations,
      ConsentLedger consent,
      MarketingEventLog outcomes,
      CampaignTouch campaignTouch) {
    return new MarketingRecorder(
        jdbc, clock, properties, marketingIntegrations, consent, outcomes, campaignTouch);
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
}
