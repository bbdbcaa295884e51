package com.posmodern.omnichannel.platform.web;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Web-layer beans shared by the webhook routes. */
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

  @Bean
  WebhookResponses webhookResponses() {
    return new WebhookResponses();
  }
}
