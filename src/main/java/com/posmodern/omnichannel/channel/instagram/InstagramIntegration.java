package com.posmodern.omnichannel.channel.instagram;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.channel.meta.GraphApiProperties;
import com.posmodern.omnichannel.channel.meta.MetaIntegration;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import org.apache.camel.Message;

/**
 * The Instagram Direct edge: webhooks of {@code object: instagram}, replies through the Instagram
 * messaging API ({@code POST https://graph.instagram.com/{version}/me/messages} with a Bearer
 * token,
 * https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api).
 */
public class InstagramIntegration extends MetaIntegration {

  private final InstagramProperties properties;
  private final GraphApiProperties graph;

  public InstagramIntegration(
      ChannelCapabilities capabilities,
      InstagramProperties properties,
      GraphApiProperties graph,
      WebhookProperties webhook,
      SandboxLocation sandbox) {
    super(
        Channel.INSTAGRAM,
        capabilities,
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
  protected String simulatedBusinessId() {
    String id = properties.accountId();
    return id == null || id.isBlank() ? "900000000000003" : id.strip();
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
