package com.posmodern.omnichannel.payment;

import com.posmodern.omnichannel.platform.web.PublicUrls;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Payments: PIX charges, the card provider, and the payment webhooks' verification. */
@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

  @Bean
  PixCharges pixCharges(PaymentProperties payment, PublicUrls urls) {
    return new PixCharges(payment.pix(), urls);
  }

  /**
   * The card provider; the sandbox's checkout only while the sandbox runs (the production posture
   * refuses to start otherwise).
   */
  @Bean
  PaymentProvider cardPayments(
      PaymentProperties payment, PublicUrls urls, SandboxLocation sandbox) {
    if (payment.mercadoPagoSelected()) {
      return new MercadoPagoPaymentProvider(payment.mercadoPago(), urls);
    }
    if (!sandbox.active()) {
      throw new IllegalStateException(
          "PAYMENT_PROVIDER=" + payment.cardProvider() + " needs the sandbox, which is off");
    }
    return new SandboxPaymentProvider(urls);
  }

  @Bean
  PaymentWebhooks paymentWebhooks(
      PaymentProperties payment, WebhookProperties webhook, SandboxLocation sandbox) {
    return new PaymentWebhooks(payment, webhook.publicBaseUrl(), sandbox.active());
  }
}
