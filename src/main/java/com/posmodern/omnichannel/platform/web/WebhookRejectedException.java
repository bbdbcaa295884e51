package com.posmodern.omnichannel.platform.web;

/**
 * A webhook request that must not be taken: forged, malformed or too large. Carries the HTTP status
 * the webhook answers with; nothing of the request is enqueued.
 */
public class WebhookRejectedException extends RuntimeException {

  private final int status;

  private WebhookRejectedException(int status, String reason) {
    super(reason);
    this.status = status;
  }

  /** 403: missing or wrong signature, or wrong verify token. */
  public static WebhookRejectedException forbidden(String reason) {
    return new WebhookRejectedException(403, reason);
  }

  /** 400: the body is not what the platform sends. */
  public static WebhookRejectedException malformed(String reason) {
    return new WebhookRejectedException(400, reason);
  }

  /**
   * 404: the surface does not exist in this configuration (a channel or payment provider that is
   * not configured, the sandbox beside a live channel).
   */
  public static WebhookRejectedException notFound(String reason) {
    return new WebhookRejectedException(404, reason);
  }

  /** 413: the body is over the configured limit. */
  public static WebhookRejectedException tooLarge(String reason) {
    return new WebhookRejectedException(413, reason);
  }

  /** The HTTP status to answer with. */
  public int status() {
    return status;
  }
}
