package com.posmodern.omnichannel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The sandbox, whose checkout confirms payments without paying, runs only while no channel is live:
 * never beside one, whatever is asked.
 */
class SandboxEnabledConditionTest {

  @Test
  void onWhileNoChannelIsLiveUnlessDisabled() {
    assertThat(SandboxEnabledCondition.enabled(new MockEnvironment())).isTrue();
    assertThat(
            SandboxEnabledCondition.enabled(
                new MockEnvironment().withProperty("omnichannel.sandbox.enabled", "true")))
        .isTrue();
    assertThat(
            SandboxEnabledCondition.enabled(
                new MockEnvironment().withProperty("omnichannel.sandbox.enabled", "false")))
        .isFalse();
  }

  @Test
  void offBesideASingleLiveChannelEvenWhenExplicitlyEnabled() {
    MockEnvironment whatsAppOnly =
        new MockEnvironment().withProperty("omnichannel.whatsapp.account-sid", "AC0123");
    assertThat(SandboxEnabledCondition.enabled(whatsAppOnly)).isFalse();
    assertThat(SandboxEnabledCondition.liveChannels(whatsAppOnly)).containsExactly("whatsapp");

    MockEnvironment asked = whatsAppOnly.withProperty("omnichannel.sandbox.enabled", "true");
    assertThat(SandboxEnabledCondition.enabled(asked)).isFalse();
    assertThat(SandboxEnabledCondition.explicitlyEnabled(asked)).isTrue();
  }

  @Test
  void aBlankCredentialIsNotLive() {
    MockEnvironment blank =
        new MockEnvironment()
            .withProperty("omnichannel.messenger.access-token", " ")
            .withProperty("omnichannel.instagram.access-token", "");
    assertThat(SandboxEnabledCondition.liveChannels(blank)).isEmpty();
    assertThat(SandboxEnabledCondition.enabled(blank)).isTrue();
  }
}
