package com.posmodern.omnichannel.platform.config;

import com.posmodern.omnichannel.platform.metrics.OmnichannelMetrics;
import com.posmodern.omnichannel.platform.web.PublicUrls;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import com.posmodern.omnichannel.sandbox.SandboxEnabledCondition;
import com.posmodern.omnichannel.sandbox.SandboxRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every feature stands on: the clock, whether the sandbox runs (and its recorder), the public
 * URLs and the metrics. Each feature wires its own beans in its package (the channels in {@code
 * channel.*}, the conversation in {@code chatbot}, payments, the POS, the validator).
 */
@Configuration(proxyBeanMethods = false)
class OmnichannelConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  SandboxLocation sandboxLocation(Environment environment) {
    return new SandboxLocation(SandboxEnabledCondition.enabled(environment));
  }

  @Bean
  SandboxRecorder sandboxRecorder(JdbcClient jdbc, Clock clock) {
    return new SandboxRecorder(jdbc, clock);
  }

  @Bean
  PublicUrls publicUrls(WebhookProperties webhook, SandboxLocation sandbox) {
    return new PublicUrls(webhook, sandbox);
  }

  @Bean
  OmnichannelMetrics omnichannelMetrics(MeterRegistry registry) {
    return new OmnichannelMetrics(registry);
  }
}
