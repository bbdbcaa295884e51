package com.posmodern.omnichannel.payment;

import com.posmodern.omnichannel.platform.web.PublicUrls;

/**
 * The default card provider: a link to the app's own sandbox checkout page, whose "pay" button
 * confirms through the same signed webhook a real PSP would call ({@code POST
 * /webhooks/payments/sandbox}).
 */
public class SandboxPaymentProvider implements PaymentProvider {

  private final PublicUrls urls;

  public SandboxPaymentProvider(PublicUrls urls) {
    this.urls = urls;
  }

  @Override
  public String name() {
    return "sandbox";
  }

  @Override
  public PaymentLink linkFor(String orderId, String description, long totalCents) {
    return new PaymentLink(urls.of("/sandbox/payments/" + orderId), "sandbox-" + orderId);
  }
}
