package com.posmodern.omnichannel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.posmodern.omnichannel.support.EndToEndTestSupport;
import com.posmodern.omnichannel.support.PlatformStubs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sticker or GIF on Instagram arrives as Meta's {@code is_unsupported} message (no content): the
 * customer is told what the bot can read, instead of getting no answer.
 */
class UnsupportedContentEndToEndTest extends EndToEndTestSupport {

  @Test
  void anUnsupportedInstagramMessageGetsAnAnswerSayingWhatTheBotCanRead() {
    String igsid = "917841400000777";
    String body =
        ("{\"object\":\"instagram\",\"entry\":[{\"id\":\"%s\",\"time\":1700000000000,\"messaging\":[{\"sender\":{\"id\":\"%s\"},"
                + "\"recipient\":{\"id\":\"%s\"},\"timestamp\":1700000000000,\"message\":{\"mid\":\"m_sticker_1\",\"is_unsupported\":true}}]}]}")
            .formatted(IG_ID, igsid, IG_ID);

    assertThat(
            webhooks()
                .meta("instagram", INSTAGRAM_SECRET, body.getBytes(StandardCharsets.UTF_8))
                .statusCode())
        .isEqualTo(200);

    // A first contact is welcomed first; then the answer to the sticker.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                platforms.metaSentTo(PlatformStubs.INSTAGRAM_SEND, igsid).stream()
                    .map(m -> m.path("message").path("text").asText())
                    .anyMatch(text -> text.contains("não consigo ver esse tipo de conteúdo")));
    List<JsonNode> sent = platforms.metaSentTo(PlatformStubs.INSTAGRAM_SEND, igsid);
    assertThat(sent.get(0).path("message").path("text").asText()).startsWith("Olá!");
  }
}
