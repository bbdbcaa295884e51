package com.posmodern.omnichannel.channel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WhatsApp content setup against a stub of Twilio's Content API: the templates it creates have
 * the shape of Twilio's quick-reply and list-picker types, and the ones that exist are reused.
 */
class WhatsAppContentSetupTest {

  private static final WireMockServer content = new WireMockServer(options().dynamicPort());

  @BeforeAll
  static void start() {
    content.start();
  }

  @AfterAll
  static void stop() {
    content.stop();
  }

  @Test
  void createsTheMissingTemplatesAndReusesTheOnesThatExist() {
    content.stubFor(
        get(urlPathEqualTo("/v1/Content"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"contents\":[{\"friendly_name\":\"posmodern_quick_reply_1_pt_br\",\"sid\":\"HXexisting\"}],"
                            + "\"meta\":{\"next_page_url\":null}}")));
    content.stubFor(
        post(urlPathEqualTo("/v1/Content"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\":\"HXnew\"}")));

    Map<String, String> sids = setup("ACsetup").run("pt_BR", "Ver opções");

    assertThat(sids).hasSize(3 + 10).containsEntry("quick-reply-1", "HXexisting");
    assertThat(sids).containsEntry("list-picker-10", "HXnew");
    List<JsonNode> created =
        content.findAll(postRequestedFor(urlPathEqualTo("/v1/Content"))).stream()
            .map(r -> CanonicalJson.read(r.getBodyAsString(), JsonNode.class))
            .toList();
    assertThat(created).hasSize(12);
    content.verify(
        12,
        postRequestedFor(urlPathEqualTo("/v1/Content"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader(
                "Authorization",
                equalTo(
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString("ACsetup:token".getBytes(StandardCharsets.UTF_8)))));

    JsonNode twoButtons =
        created.stream()
            .filter(c -> c.path("friendly_name").asText().equals("posmodern_quick_reply_2_pt_br"))
            .findFirst()
            .orElseThrow();
    // https://www.twilio.com/docs/content/twilio-quick-reply: body and actions {title, id}.
    assertThat(twoButtons.path("language").asText()).isEqualTo("pt_BR");
    assertThat(twoButtons.path("types").path("twilio/quick-reply").path("body").asText())
        .isEqualTo("{{1}}");
    assertThat(twoButtons.path("types").path("twilio/quick-reply").path("actions").toString())
        .isEqualTo(
            "[{\"title\":\"{{2}}\",\"id\":\"{{3}}\"},{\"title\":\"{{4}}\",\"id\":\"{{5}}\"}]");
    assertThat(twoButtons.path("variables").size()).isEqualTo(5);

    JsonNode tenItems =
        created.stream()
            .filter(c -> c.path("friendly_name").asText().equals("posmodern_list_picker_10_pt_br"))
            .findFirst()
            .orElseThrow();
    // https://www.twilio.com/docs/content/twiliolist-picker: body, button, items {item, id,
    // description}.
    JsonNode list = tenItems.path("types").path("twilio/list-picker");
    assertThat(list.path("button").asText()).isEqualTo("Ver opções");
    assertThat(list.path("items")).hasSize(10);
    assertThat(list.path("items").get(9).path("item").asText()).isEqualTo("{{29}}");
    assertThat(list.path("items").get(9).path("description").asText()).isEqualTo("{{31}}");
    assertThat(tenItems.path("variables").size()).isEqualTo(31);
  }

  @Test
  void withoutTwilioCredentialsItSaysWhatToSet() {
    assertThatThrownBy(() -> setup(null).run("pt_BR", "Ver opções"))
        .hasMessageContaining("TWILIO_ACCOUNT_SID");
  }

  private static WhatsAppContentSetup setup(String accountSid) {
    return new WhatsAppContentSetup(
        CapabilityTable.load().of(Channel.WHATSAPP),
        new WhatsAppProperties(
            accountSid,
            "token",
            "+14155238886",
            content.baseUrl(),
            content.baseUrl(),
            Map.of(),
            true,
            null,
            null));
  }
}
