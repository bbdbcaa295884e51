package com.posmodern.omnichannel.channel.messenger;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.channel.meta.GraphApiProperties;
import com.posmodern.omnichannel.channel.meta.MetaIntegration;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The Facebook Messenger edge: webhooks of {@code object: page}, replies through the Send API
 * ({@code POST /{version}/me/messages?access_token=…},
 * https://developers.facebook.com/docs/messenger-platform/reference/send-api).
 */
public class MessengerIntegration extends MetaIntegration {

  private final MessengerProperties properties;
  private final GraphApiProperties graph;

  public MessengerIntegration(
      ChannelCapabilities capabilities,
      MessengerProperties properties,
      GraphApiProperties graph,
      WebhookProperties webhook,
      SandboxLocation sandbox) {
    super(Channel.MESSENGER, capabilities, "page", true, webhook.publicBaseUrl(), graph, sandbox);
    this.properties = properties;
    this.graph = graph;
  }

  @Override
  public boolean live() {
    return properties.live();
  }

  @Override
  protected String simulatedBusinessId() {
    String id = properties.pageId();
    return id == null || id.isBlank() ? "900000000000001" : id.strip();
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
    return graph.baseUrl();
  }

  @Override
  protected void authorize(Message request) {
    request.setHeader(
        Exchange.HTTP_QUERY, "access_token=" + (live() ? properties.accessToken() : "sandbox"));
  }
}
