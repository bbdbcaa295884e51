package com.posmodern.omnichannel.channel.messenger;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.channel.meta.GraphApiProperties;
import com.posmodern.omnichannel.channel.meta.MetaChecks;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.validation.OmnichannelValidator.Outcome;
import java.time.Clock;
import java.util.List;

/** The validator's checks of Messenger: the Page token, the Page's subscription, the webhook. */
public class MessengerChecks extends MetaChecks {

  private final MessengerProperties properties;
  private final GraphApiProperties graph;

  public MessengerChecks(
      MessengerProperties properties,
      GraphApiProperties graph,
      SandboxLocation local,
      Clock clock) {
    super(graph, local, clock);
    this.properties = properties;
    this.graph = graph;
  }

  @Override
  public Channel channel() {
    return Channel.MESSENGER;
  }

  @Override
  public boolean live() {
    return properties.live();
  }

  @Override
  protected String liveBaseUrl() {
    return graph.baseUrl();
  }

  @Override
  protected boolean tokenInQuery() {
    return true;
  }

  @Override
  protected String accessToken() {
    return properties.accessToken();
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
  protected String webhookObject() {
    return "page";
  }

  @Override
  protected String subscribedAccount() {
    return blank(properties.pageId()) ? null : properties.pageId();
  }

  @Override
  protected Outcome missingAccount() {
    return Outcome.fail(
        "MESSENGER_PAGE_ID is not set", "set MESSENGER_PAGE_ID to the Facebook Page id");
  }

  @Override
  protected String businessId() {
    return blank(properties.pageId()) ? sandboxBusinessId() : properties.pageId();
  }

  @Override
  protected String sandboxBusinessId() {
    return "validator-page";
  }

  @Override
  protected List<String> variables() {
    return List.of("MESSENGER_ACCESS_TOKEN", "MESSENGER_APP_SECRET", "MESSENGER_VERIFY_TOKEN");
  }

  @Override
  protected String tokenKind() {
    return "Page access token";
  }

  @Override
  protected String accountKind() {
    return "Page";
  }
}
