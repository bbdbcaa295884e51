package com.posmodern.omnichannel.channel.messenger;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.channel.ChannelDefinition;
import java.util.List;

/** Facebook Messenger: live once the Page access token is set. */
public final class MessengerDefinition implements ChannelDefinition {

  @Override
  public Channel channel() {
    return Channel.MESSENGER;
  }

  @Override
  public Setting sendCredential() {
    return new Setting(
        "omnichannel.messenger.access-token",
        "MESSENGER_ACCESS_TOKEN",
        "FACEBOOK_PAGE_ACCESS_TOKEN");
  }

  @Override
  public List<Setting> secrets() {
    return List.of(
        new Setting(
            "omnichannel.messenger.app-secret", "MESSENGER_APP_SECRET", "FACEBOOK_APP_SECRET"),
        new Setting(
            "omnichannel.messenger.verify-token",
            "MESSENGER_VERIFY_TOKEN",
            "FACEBOOK_VERIFY_TOKEN"));
  }

  @Override
  public List<Setting> optional() {
    return List.of(
        new Setting("omnichannel.messenger.page-id", "MESSENGER_PAGE_ID"),
        new Setting("omnichannel.messenger.app-id", "MESSENGER_APP_ID"));
  }
}
