package com.posmodern.omnichannel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The sandbox, a public surface, is off once every channel has real credentials, unless it is
 * explicitly enabled; and on while any channel still needs it.
 */
class SandboxEnabledConditionTest {

  private static MockEnvironment allChannelsLive() {
    return new MockEnvironment()
        .withProperty("omnichannel.whatsapp.account-sid", "AC0123")
        .withProperty("omnichannel.messenger.access-token", "EAAtoken")
        .withProperty("omnichannel.instagram.access-token", "IGtoken");
  }

  @Test
  void offWhenEveryChannelIsLive() {
    assertThat(SandboxEnabledCondition.enabled(allChannelsLive())).isFalse();
  }

  @Test
  void onWhenExplicitlyEnabledDespiteCredentials() {
    assertThat(
            SandboxEnabledCondition.enabled(
                allChannelsLive().withProperty("omnichannel.sandbox.enabled", "true")))
        .isTrue();
  }

  @Test
  void onWhileAnyChannelHasNoCredentialAndOffWhenDisabled() {
    MockEnvironment oneSandboxed =
        new MockEnvironment()
            .withProperty("omnichannel.whatsapp.account-sid", "AC0123")
            .withProperty("omnichannel.messenger.access-token", "EAAtoken");
    assertThat(SandboxEnabledCondition.enabled(oneSandboxed)).isTrue();
    assertThat(
            SandboxEnabledCondition.enabled(
                oneSandboxed.withProperty("omnichannel.sandbox.enabled", "false")))
        .isFalse();
  }
}
