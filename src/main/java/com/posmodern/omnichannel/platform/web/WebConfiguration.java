package com.posmodern.omnichannel.platform.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Web-layer beans shared by the webhook routes. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

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
