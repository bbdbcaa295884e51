package com.posmodern.omnichannel.channel.instagram;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.channel.meta.GraphApiProperties;
import com.posmodern.omnichannel.channel.meta.MetaIntegration;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import com.posmodern.omnichannel.sandbox.SandboxLocation;
import org.apache.camel.Message;

/**
 * The Instagram Direct edge: webhooks of {@code object: instagram}, replies through the Instagram
 * messaging API ({@code POST https://graph.instagram.com/{version}/me/messages} with a Bearer
 * token,
 * https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api).
 */
public class InstagramIntegration extends MetaIntegration {

  /**
   * Instagram's limits: text "must be UTF-8 and be a 1000 bytes or less" (kept under 1,000); 13
   * quick replies with titles of 20 characters.
   */
  static final ChannelCapabilities CAPABILITIES =
      new ChannelCapabilities(
          Channel.INSTAGRAM,
          0,
          999,
          13,
          20,
          true,
          "https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api");

  private final InstagramProperties properties;
  private final GraphApiProperties graph;

  public InstagramIntegration(
      InstagramProperties properties,
      GraphApiProperties graph,
      WebhookProperties webhook,
      SandboxLocation sandbox) {
    super(
        Channel.INSTAGRAM,
        CAPABILITIES,
        "instagram",
        false,
        webhook.publicBaseUrl(),
        graph,
        sandbox);
    this.properties = properties;
    this.graph = graph;
  }

  @Override
  public boolean live() {
    return properties.live();
  }

  @Override
  protected String appSecret() {
    return properties.appSecret();
  }

  @Override
  protected String verifyToken() {
    return properties.verifyToken();
  }

  @Override
  protected String sendPath() {
    return "/me/messages";
  }

  @Override
  protected String liveBaseUrl() {
    return graph.instagramBaseUrl();
  }

  @Override
  protected void authorize(Message request) {
    request.setHeader("Authorization", "Bearer " + (live() ? properties.accessToken() : "sandbox"));
  }
}
