package com.posmodern.omnichannel.platform.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.channel.whatsapp.WhatsAppIntegration;
import com.posmodern.omnichannel.channel.whatsapp.WhatsAppProperties;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import com.posmodern.omnichannel.sandbox.SandboxLocation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

class ChannelModeReportTest {

  @Test
  void aLiveChannelWithADevelopmentSecretRefusesToStart() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("omnichannel.whatsapp.account-sid", "AC123")
            .withProperty("omnichannel.whatsapp.auth-token", "dev-twilio-auth-token");

    assertThatThrownBy(
            () ->
                new ChannelModeReport(
                    List.of(whatsApp("AC123", "dev-twilio-auth-token")), environment))
        .hasMessageContaining("omnichannel.whatsapp.auth-token is still the development default");
  }

  @Test
  void aLiveChannelWithItsOwnSecretStarts() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("omnichannel.whatsapp.account-sid", "AC123")
            .withProperty("omnichannel.whatsapp.auth-token", "a-real-token");

    assertThatCode(
            () -> new ChannelModeReport(List.of(whatsApp("AC123", "a-real-token")), environment))
        .doesNotThrowAnyException();
  }

  @Test
  void aSandboxedChannelNeedsTheSandbox() {
    MockEnvironment environment =
        new MockEnvironment().withProperty("omnichannel.sandbox.enabled", "false");

    assertThatThrownBy(
            () ->
                new ChannelModeReport(
                    List.of(whatsApp(null, "dev-twilio-auth-token")), environment))
        .hasMessageContaining("no send credential");
  }

  private static WhatsAppIntegration whatsApp(String accountSid, String token) {
    return new WhatsAppIntegration(
        CapabilityTable.load().of(Channel.WHATSAPP),
        new WhatsAppProperties(
            accountSid,
            token,
            "+14155238886",
            "https://api.twilio.com",
            "https://content.twilio.com",
            java.util.Map.of(),
            true),
        new WebhookProperties(null, DataSize.ofKilobytes(256)),
        new SandboxLocation());
  }
}
