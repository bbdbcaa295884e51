package com.posmodern.omnichannel.platform.web;

import java.time.Duration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Web-layer beans shared by the webhook routes and the web console. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

  /** 503 on every webhook until the routes run and from the moment shutdown begins. */
  @Bean
  FilterRegistrationBean<WebhookGate> webhookGate(ApplicationAvailability availability) {
    var registration = new FilterRegistrationBean<>(new WebhookGate(availability));
    registration.addUrlPatterns("/webhooks/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  @Bean
  FilterRegistrationBean<WebhookBodyFilter> webhookBodyFilter(WebhookProperties properties) {
    var registration =
        new FilterRegistrationBean<>(new WebhookBodyFilter(properties.maxBodySize().toBytes()));
    registration.addUrlPatterns("/webhooks/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /**
   * The web console's live pages: each open page polls every 300 ms, up to 200 pages per instance
   * (a restaurant's agents and, in development, the simulator's tabs).
   */
  @Bean
  LiveStreams liveStreams() {
    return new LiveStreams(
        Duration.ofMillis(300), Duration.ofSeconds(15), Duration.ofMinutes(10), 200);
  }

  @Bean
  WebhookResponses webhookResponses() {
    return new WebhookResponses();
  }
}
