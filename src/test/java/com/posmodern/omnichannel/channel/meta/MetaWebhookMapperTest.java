package com.posmodern.omnichannel.channel.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.posmodern.omnichannel.canonical.CanonicalJson;
import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.MessageKind;
import com.posmodern.omnichannel.platform.web.WebhookRejectedException;
import com.posmodern.omnichannel.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetaWebhookMapperTest {

  private final MetaWebhookMapper messenger = new MetaWebhookMapper(Channel.MESSENGER, "page");
  private final MetaWebhookMapper instagram = new MetaWebhookMapper(Channel.INSTAGRAM, "instagram");

  @Test
  void everyEntryAndEveryMessagingItemBecomesItsOwnMessage() {
    List<CanonicalMessage> messages = messenger.map(Fixtures.bytes("messenger/batch.json"));

    assertThat(messages)
        .extracting(CanonicalMessage::kind)
        .containsExactly(
            MessageKind.TEXT,
            MessageKind.CHOICE,
            MessageKind.POSTBACK,
            MessageKind.ECHO,
            MessageKind.DELIVERY,
            MessageKind.READ,
            MessageKind.UNKNOWN);
    assertThat(messages.get(0).conversationId())
        .isEqualTo("messenger:900000000000007:900000000000008");
    assertThat(messages.get(1).payload()).isEqualTo("CATEGORY:bebidas");
    assertThat(messages.get(2).payload()).isEqualTo("MENU");
    assertThat(messages.get(2).text()).isEqualTo("Ver cardápio");
    // An echo is ours, sent to the customer: it belongs to the customer's conversation.
    assertThat(messages.get(3).conversationId())
        .isEqualTo("messenger:900000000000007:900000000000009");
    assertThat(messages.get(4).relatedMessageIds()).containsExactly("MID-ECHO");
    assertThat(messages).extracting(CanonicalMessage::messageId).doesNotHaveDuplicates();
    assertThat(messages.stream().filter(m -> m.kind().answerable())).hasSize(3);
  }

  @Test
  void eventsWithoutAnIdGetAStableOne() {
    byte[] body = Fixtures.bytes("messenger/batch.json");

    assertThat(messenger.map(body).get(4).messageId())
        .startsWith("messenger-delivery-")
        .isEqualTo(messenger.map(body).get(4).messageId());
  }

  @Test
  void decodesUnicodeEscapes() {
    CanonicalMessage message = messenger.map(Fixtures.bytes("messenger/text-accented.json")).get(0);

    assertThat(message.text()).isEqualTo("Olá! Quero ver o cardápio, por favor 🍕");
  }

  @Test
  void mapsAnInstagramDirectMessage() {
    CanonicalMessage message = instagram.map(Fixtures.bytes("instagram/dm.json")).get(0);

    assertThat(message.channel()).isEqualTo(Channel.INSTAGRAM);
    assertThat(message.conversationId()).isEqualTo("instagram:900000000000010:900000000000006");
    assertThat(message.sender().id()).isEqualTo("900000000000006");
    assertThat(message.text()).isEqualTo("Boa noite! Vocês entregam em Pinheiros?");
    assertThat(message.platformTimestamp()).isEqualTo(1569262485349L);
  }

  @Test
  void keepsAStoryMentionAsMediaWithoutFetchingIt() {
    CanonicalMessage message = instagram.map(Fixtures.bytes("instagram/story-mention.json")).get(0);

    assertThat(message.kind()).isEqualTo(MessageKind.MEDIA);
    assertThat(message.attachments())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.type()).isEqualTo("story_mention");
              assertThat(a.url()).as("the customer's story is not kept").isNull();
            });
    assertThat(CanonicalJson.write(message)).doesNotContain("lookaside.fbsbx.com");
  }

  @Test
  void aStoryReplyIsTextNotingTheStoryWithoutItsMedia() {
    // Meta's documented shape: message.reply_to.story {url, id}.
    CanonicalMessage message = instagram.map(Fixtures.bytes("instagram/story-reply.json")).get(0);

    assertThat(message.kind()).isEqualTo(MessageKind.TEXT);
    assertThat(message.text()).isEqualTo("Que pizza linda! Tem hoje?");
    assertThat(message.attachments())
        .singleElement()
        .satisfies(a -> assertThat(a.type()).isEqualTo("story_reply"));
    assertThat(CanonicalJson.write(message)).doesNotContain("lookaside.fbsbx.com");
  }

  @Test
  void deliveryAndReadReportsCarryMetasWatermark() {
    List<CanonicalMessage> messages = messenger.map(Fixtures.bytes("messenger/batch.json"));

    assertThat(messages.get(4).payload()).isEqualTo("1458668856253");
    assertThat(messages.get(5).payload()).isEqualTo("1458668856253");
  }

  @Test
  void theCanonicalJsonIsDeterministic() {
    byte[] body = Fixtures.bytes("messenger/batch.json");

    assertThat(CanonicalJson.write(messenger.map(body)))
        .isEqualTo(CanonicalJson.write(messenger.map(body)));
    CanonicalMessage first = messenger.map(body).get(0);
    assertThat(CanonicalJson.readMessage(CanonicalJson.write(first))).isEqualTo(first);
  }

  @Test
  void rejectsWhatIsNotAWebhookOfTheExpectedObject() {
    assertMalformed(() -> messenger.map("not json".getBytes(StandardCharsets.UTF_8)), "not JSON");
    assertMalformed(
        () -> messenger.map("[1,2]".getBytes(StandardCharsets.UTF_8)), "not a JSON object");
    assertMalformed(
        () -> messenger.map(Fixtures.bytes("instagram/dm.json")), "object must be 'page'");
    assertMalformed(
        () -> messenger.map("{\"object\":\"page\"}".getBytes(StandardCharsets.UTF_8)), "entry");
  }

  private static void assertMalformed(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
    assertThatThrownBy(call)
        .isInstanceOf(WebhookRejectedException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(((WebhookRejectedException) e).status()).isEqualTo(400));
  }
}
