package com.posmodern.omnichannel.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How customers pay, bound from {@code omnichannel.payment.*}.
 *
 * @param pix the restaurant's PIX receiving details
 * @param cardProvider {@code sandbox} (default) or {@code mercadopago}
 * @param webhookSecret HMAC key of the sandbox PSP's confirmations ({@code X-Sandbox-Signature})
 * @param mercadoPago Mercado Pago Checkout Pro settings, used when {@code cardProvider} is {@code
 *     mercadopago}
 */
@ConfigurationProperties("omnichannel.payment")
public record PaymentProperties(
    Pix pix, String cardProvider, String webhookSecret, MercadoPago mercadoPago) {

  /** Whether card payments go through Mercado Pago. */
  public boolean mercadoPagoSelected() {
    return cardProvider != null && "mercadopago".equalsIgnoreCase(cardProvider.strip());
  }

  /**
   * @param key the PIX key payments go to
   * @param merchantName the receiver's name as banks show it (≤25 characters)
   * @param merchantCity the receiver's city (≤15 characters)
   */
  public record Pix(String key, String merchantName, String merchantCity) {

    /** The sample restaurant's key and receiver (application.yml's development defaults). */
    public static final String SAMPLE_KEY = "pagamentos@sabordavila.example";

    public static final String SAMPLE_MERCHANT_NAME = "Cantina Sabor da Vila";

    /** Whether the key is the sample restaurant's. */
    public boolean sampleKey() {
      return key != null && key.strip().equalsIgnoreCase(SAMPLE_KEY);
    }
  }

  /**
   * @param accessToken the seller's access token
   * @param baseUrl the API base ({@code https://api.mercadopago.com})
   * @param webhookSecret the secret signing its notifications ({@code x-signature})
   */
  public record MercadoPago(String accessToken, String baseUrl, String webhookSecret) {}
}
