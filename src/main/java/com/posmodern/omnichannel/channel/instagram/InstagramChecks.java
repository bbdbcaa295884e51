package com.posmodern.omnichannel.channel.instagram;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.channel.meta.GraphApiProperties;
import com.posmodern.omnichannel.channel.meta.MetaChecks;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import java.time.Clock;
import java.util.List;

/** The validator's checks of Instagram: the token, the account's subscription, the webhook. */
public class InstagramChecks extends MetaChecks {

  private final InstagramProperties properties;
  private final GraphApiProperties graph;

  public InstagramChecks(
      InstagramProperties properties,
      GraphApiProperties graph,
      SandboxLocation local,
      Clock clock) {
    super(graph, local, clock);
    this.properties = properties;
    this.graph = graph;
  }

  @Override
  public Channel channel() {
    return Channel.INSTAGRAM;
  }

  @Override
  public boolean live() {
    return properties.live();
  }

  @Override
  protected String liveBaseUrl() {
    return graph.instagramBaseUrl();
  }

  @Override
  protected boolean tokenInQuery() {
    return false;
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
    return "instagram";
  }

  /** The account, or {@code me} (the token's own account). */
  @Override
  protected String subscribedAccount() {
    return blank(properties.accountId()) ? "me" : properties.accountId();
  }

  @Override
  protected String businessId() {
    return blank(properties.accountId()) ? sandboxBusinessId() : properties.accountId();
  }

  @Override
  protected String sandboxBusinessId() {
    return "validator-ig";
  }

  @Override
  protected List<String> variables() {
    return List.of("INSTAGRAM_ACCESS_TOKEN", "INSTAGRAM_APP_SECRET", "INSTAGRAM_VERIFY_TOKEN");
  }

  @Override
  protected String tokenKind() {
    return "Instagram API with Instagram Login";
  }

  @Override
  protected String accountKind() {
    return "Instagram account";
  }
}
