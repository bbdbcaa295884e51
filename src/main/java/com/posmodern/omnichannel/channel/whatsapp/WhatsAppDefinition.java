package com.posmodern.omnichannel.channel.whatsapp;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.channel.ChannelDefinition;
import java.util.List;

/** WhatsApp through Twilio: live once TWILIO_ACCOUNT_SID is set. */
public final class WhatsAppDefinition implements ChannelDefinition {

  @Override
  public Channel channel() {
    return Channel.WHATSAPP;
  }

  @Override
  public Setting sendCredential() {
    return new Setting("omnichannel.whatsapp.account-sid", "TWILIO_ACCOUNT_SID");
  }

  @Override
  public List<Setting> secrets() {
    return List.of(new Setting("omnichannel.whatsapp.auth-token", "TWILIO_AUTH_TOKEN"));
  }

  @Override
  public List<Setting> requiredWhenLive() {
    return List.of(
        new Setting(
            "omnichannel.whatsapp.phone-number",
            "TWILIO_PHONE_NUMBER",
            "TWILIO_WHATSAPP_NUMBER",
            "the WhatsApp sender, E.164"));
  }

  @Override
  public List<Setting> optional() {
    return List.of(
        new Setting("omnichannel.whatsapp.webhook-url", "TWILIO_WEBHOOK_URL"),
        new Setting("omnichannel.whatsapp.status-callback-url", "TWILIO_STATUS_CALLBACK_URL"));
  }
}
