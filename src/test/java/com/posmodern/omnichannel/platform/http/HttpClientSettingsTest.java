package com.posmodern.omnichannel.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.support.EndToEndTestSupport;
import org.apache.camel.component.http.HttpComponent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real Twilio, Graph and Conversions API URLs are {@code https}, which Camel serves with a
 * component instance of its own; the starter's customizer applies {@code camel.component.http.*} to
 * every {@link HttpComponent}, so both must carry the same timeouts, pool and "no hidden re-send"
 * setting (a POST repeated by the client on 503/429 could send a campaign message twice).
 */
class HttpClientSettingsTest extends EndToEndTestSupport {

  @ParameterizedTest
  @ValueSource(strings = {"http", "https"})
  void theHttpClientNeverRepeatsARequestByItselfAndGivesUpInTime(String scheme) {
    HttpComponent component = camel.getComponent(scheme, HttpComponent.class);

    assertThat(component.isAutomaticRetriesDisabled()).isTrue();
    assertThat(component.getConnectTimeout()).isEqualTo(5_000);
    assertThat(component.getResponseTimeout()).isEqualTo(15_000);
    assertThat(component.getConnectionRequestTimeout()).isEqualTo(5_000);
    assertThat(component.getMaxTotalConnections()).isEqualTo(200);
    assertThat(component.getConnectionsPerRoute()).isEqualTo(50);
  }
}
