package com.posmodern.omnichannel.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import com.posmodern.omnichannel.support.Fixtures;
import com.posmodern.omnichannel.support.PlatformStubs;
import com.posmodern.omnichannel.support.Webhooks;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A customer's photo on WhatsApp reaches the people answering: carried in the canonical message,
 * kept in the history, and fetched from Twilio (Basic auth) through the agent API. An Instagram
 * story mention is thanked, and its media is never kept.
 */
class InboundMediaEndToEndTest extends EndToEndTestSupport {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aWhatsAppPhotoIsFetchedFromTwilioForTheAgent() throws Exception {
    String phone = "+5511900000601";
    String mediaPath = "/2010-04-01/Accounts/ACtest/Messages/MMphoto601/Media/MEphoto601";
    platforms
        .server()
        .stubFor(
            get(urlEqualTo(mediaPath))
                .willReturn(
                    aResponse()
                        .withHeader("Content-Type", "image/jpeg")
                        .withBody(new byte[] {(byte) 0xFF, (byte) 0xD8, 7})));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", "MM000000000000000000000000photo601");
    form.put("From", "whatsapp:" + phone);
    form.put("To", "whatsapp:+14155238886");
    form.put("Body", "");
    form.put("NumMedia", "1");
    form.put("MediaUrl0", platforms.baseUrl() + mediaPath);
    form.put("MediaContentType0", "image/jpeg");
    String webhook = "http://localhost:" + port + "/webhooks/whatsapp";
    assertThat(
            webhooks()
                .whatsAppForm(form, Webhooks.twilioSignature(TWILIO_TOKEN, webhook, form))
                .statusCode())
        .isEqualTo(200);
    String conversation = "whatsapp:+14155238886:" + phone;

    JsonNode photo =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  JsonNode history =
                      CanonicalJson.read(
                          agentGet("/api/agent/conversations/" + encode(conversation) + "/messages")
                              .body(),
                          JsonNode.class);
                  for (JsonNode entry : history) {
                    if (entry.path("attachments").size() > 0) {
                      return entry;
                    }
                  }
                  return null;
                },
                entry -> entry != null);
    assertThat(photo.path("attachments").get(0).path("mimeType").asText()).isEqualTo("image/jpeg");

    HttpResponse<byte[]> image =
        http.send(
            request(
                "/api/agent/conversations/"
                    + encode(conversation)
                    + "/messages/"
                    + photo.path("id").asLong()
                    + "/attachments/0"),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(image.body()).containsExactly((byte) 0xFF, (byte) 0xD8, 7);
    platforms
        .server()
        .verify(
            getRequestedFor(urlEqualTo(mediaPath))
                .withHeader(
                    "Authorization",
                    equalTo(
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString(
                                    (PlatformStubs.TWILIO_ACCOUNT + ":" + TWILIO_TOKEN)
                                        .getBytes(StandardCharsets.UTF_8)))));

    HttpResponse<String> missing =
        agentGet(
            "/api/agent/conversations/"
                + encode(conversation)
                + "/messages/"
                + photo.path("id").asLong()
                + "/attachments/5");
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void anInstagramStoryMentionIsThankedAndItsMediaNeverKept() {
    byte[] body =
        new String(Fixtures.bytes("instagram/story-mention.json"), StandardCharsets.UTF_8)
            .replace("900000000000006", "900000000000026")
            .replace("\"900000000000010\"", "\"" + IG_ID + "\"")
            .replace("MID-STORY", "MID-STORY-E2E")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(webhooks().meta("instagram", INSTAGRAM_SECRET, body).statusCode()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                platforms.metaSentTo(PlatformStubs.INSTAGRAM_SEND, "900000000000026").stream()
                    .anyMatch(
                        sent ->
                            sent.path("message")
                                .path("text")
                                .asText()
                                .contains("Obrigado pela menção no seu story")));
    String stored =
        String.join(
            "\n",
            jdbc.sql(
                    "select coalesce(text, '') || coalesce(attachments, '') from conversation_message"
                        + " where conversation_id = ?")
                .param("instagram:" + IG_ID + ":900000000000026")
                .query(String.class)
                .list());
    assertThat(stored).contains("story_mention").doesNotContain("lookaside.fbsbx.com");
  }

  private HttpResponse<String> agentGet(String path) throws Exception {
    return http.send(request(path), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("agent:" + AGENT_PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
