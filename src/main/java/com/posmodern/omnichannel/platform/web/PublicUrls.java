package com.posmodern.omnichannel.platform.web;

/**
 * Absolute URLs of this app as customers' phones and the platforms reach it: the configured public
 * base URL, or the local server when none is set (development).
 */
public class PublicUrls {

  private final WebhookProperties webhook;
  private final SandboxLocation local;

  public PublicUrls(WebhookProperties webhook, SandboxLocation local) {
    this.webhook = webhook;
    this.local = local;
  }

  /** The absolute URL of a path of this app. */
  public String of(String path) {
    String base = webhook.publicBaseUrl();
    if (base == null || base.isBlank()) {
      base = local.serverUrl();
    }
    return base.replaceAll("/+$", "") + path;
  }
}
