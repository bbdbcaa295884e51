package com.posmodern.omnichannel.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.posmodern.omnichannel.canonical.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fetching customers' media over real HTTP: Twilio's Basic auth, its brief 404 retried, the
 * redirect to its CDN without credentials, and nothing fetched from any other host.
 */
class InboundMediaTest {

  private static final String MEDIA = "/2010-04-01/Accounts/ACmedia/Messages/MM0001/Media/ME0001";
  private static final String BASIC =
      "Basic "
          + Base64.getEncoder().encodeToString("ACmedia:secret".getBytes(StandardCharsets.UTF_8));
  private static final WireMockServer twilio = new WireMockServer(options().dynamicPort());

  private InboundMedia media;

  @BeforeAll
  static void start() {
    twilio.start();
  }

  @AfterAll
  static void stop() {
    twilio.stop();
  }

  @BeforeEach
  void reset() {
    twilio.resetAll();
    // The API host is "localhost:<port>", the CDN the same server as "127.0.0.1:<port>".
    media =
        new InboundMedia(
            Map.of(
                Channel.WHATSAPP,
                new InboundMedia.Source(
                    List.of("localhost:" + twilio.port()),
                    List.of("127.0.0.1:" + twilio.port()),
                    "ACmedia:secret",
                    3)),
            Duration.ofMillis(10));
  }

  @Test
  void aBrief404IsRetriedWithTheAccountsBasicAuth() {
    twilio.stubFor(
        get(urlEqualTo(MEDIA))
            .inScenario("propagation")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(404))
            .willSetStateTo("still"));
    twilio.stubFor(
        get(urlEqualTo(MEDIA))
            .inScenario("propagation")
            .whenScenarioStateIs("still")
            .willReturn(aResponse().withStatus(404))
            .willSetStateTo("ready"));
    twilio.stubFor(
        get(urlEqualTo(MEDIA))
            .inScenario("propagation")
            .whenScenarioStateIs("ready")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "image/jpeg")
                    .withBody(new byte[] {1, 2, 3})));

    InboundMedia.Media fetched = media.fetch(Channel.WHATSAPP, url("localhost", MEDIA));

    assertThat(fetched.contentType()).isEqualTo("image/jpeg");
    assertThat(fetched.bytes()).containsExactly(1, 2, 3);
    twilio.verify(
        3, getRequestedFor(urlEqualTo(MEDIA)).withHeader("Authorization", equalTo(BASIC)));
  }

  @Test
  void theRedirectToTheCdnIsFollowedWithoutTheCredentials() {
    twilio.stubFor(
        get(urlEqualTo(MEDIA))
            .willReturn(
                aResponse()
                    .withStatus(307)
                    .withHeader("Location", url("127.0.0.1", "/cdn/signed?x=1"))));
    twilio.stubFor(
        get(urlEqualTo("/cdn/signed?x=1"))
            .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody("png")));

    assertThat(new String(media.fetch(Channel.WHATSAPP, url("localhost", MEDIA)).bytes()))
        .isEqualTo("png");
    twilio.verify(
        getRequestedFor(urlEqualTo("/cdn/signed?x=1")).withHeader("Authorization", absent()));
  }

  @Test
  void aUrlOfAnotherHostIsRefusedWithoutAnyRequest() {
    for (String url :
        List.of(
            url("127.0.0.1", MEDIA),
            "https://evil.example/2010-04-01/Accounts/ACmedia/Media/ME1",
            "file:///etc/passwd",
            "not a url")) {
      assertThatThrownBy(() -> media.fetch(Channel.WHATSAPP, url))
          .isInstanceOfSatisfying(
              InboundMedia.MediaUnavailableException.class,
              e -> assertThat(e.status()).isEqualTo(400));
    }
    assertThatThrownBy(() -> media.fetch(Channel.MESSENGER, url("localhost", MEDIA)))
        .isInstanceOf(InboundMedia.MediaUnavailableException.class);
    assertThat(twilio.getAllServeEvents()).isEmpty();
  }

  @Test
  void mediaThatStaysGoneIsA404AfterTheRetries() {
    twilio.stubFor(get(urlEqualTo(MEDIA)).willReturn(aResponse().withStatus(404)));

    assertThatThrownBy(() -> media.fetch(Channel.WHATSAPP, url("localhost", MEDIA)))
        .isInstanceOfSatisfying(
            InboundMedia.MediaUnavailableException.class,
            e -> assertThat(e.status()).isEqualTo(404));
    twilio.verify(4, getRequestedFor(urlEqualTo(MEDIA)));
  }

  private static String url(String host, String path) {
    return "http://" + host + ":" + twilio.port() + path;
  }
}
