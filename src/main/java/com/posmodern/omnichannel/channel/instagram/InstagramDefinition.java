package com.posmodern.omnichannel.channel.instagram;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.channel.ChannelDefinition;
import java.util.List;

/** Instagram Direct: live once the Instagram access token is set. */
public final class InstagramDefinition implements ChannelDefinition {

  @Override
  public Channel channel() {
    return Channel.INSTAGRAM;
  }

  @Override
  public Setting sendCredential() {
    return new Setting("omnichannel.instagram.access-token", "INSTAGRAM_ACCESS_TOKEN");
  }

  @Override
  public List<Setting> secrets() {
    return List.of(
        new Setting("omnichannel.instagram.app-secret", "INSTAGRAM_APP_SECRET"),
        new Setting("omnichannel.instagram.verify-token", "INSTAGRAM_VERIFY_TOKEN"));
  }

  @Override
  public List<Setting> optional() {
    return List.of(new Setting("omnichannel.instagram.account-id", "INSTAGRAM_ACCOUNT_ID"));
  }
}
