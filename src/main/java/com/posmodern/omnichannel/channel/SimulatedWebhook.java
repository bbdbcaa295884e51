package com.posmodern.omnichannel.channel;

import java.util.Map;

/**
 * A webhook request exactly as the platform would send it for a {@link CustomerAction}, signed as
 * the platform signs it, ready to be posted to this app's own public webhook.
 *
 * @param path the webhook's path on this app
 * @param headers the content type and the platform's signature header
 * @param body the raw body bytes the signature covers
 * @param customer who sends it
 */
public record SimulatedWebhook(
    String path, Map<String, String> headers, byte[] body, Customer customer) {

  /**
   * A simulated customer as the app knows them.
   *
   * @param conversationId the conversation their messages belong to
   * @param recipient the customer as replies address them (what the sandbox records them under)
   */
  public record Customer(String conversationId, String recipient) {}
}
