package com.posmodern.omnichannel.chatbot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.MessageKind;
import com.posmodern.omnichannel.canonical.Sender;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import com.posmodern.omnichannel.pos.catalog.Menu;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Turns for the step handlers' unit tests: a conversation at a given state, a typed or tapped
 * message, the sample menu and the real message bundles, on a channel's real capabilities.
 */
final class Turns {

  static final Menu MENU = sampleMenu();
  static final ResourceBundleMessageSource TEXTS = texts();

  private Turns() {}

  /** A customer on Messenger (cards, quick replies, images) typing {@code text}. */
  static TurnContext typed(ConversationState state, String text) {
    return turn(Channel.MESSENGER, state, text, null);
  }

  /** A customer on Messenger tapping the choice with {@code payload}. */
  static TurnContext tapped(ConversationState state, String payload) {
    return turn(Channel.MESSENGER, state, null, payload);
  }

  static TurnContext turn(Channel channel, ConversationState state, String text, String payload) {
    Conversation conversation =
        new Conversation(
            channel.id() + ":BIZ:CUSTOMER",
            channel,
            "BIZ",
            "CUSTOMER",
            "Maria Souza",
            channel == Channel.WHATSAPP ? "+5511987654321" : null,
            Locale.forLanguageTag("pt-BR"),
            state,
            null,
            false);
    CanonicalMessage message =
        new CanonicalMessage(
            CanonicalMessage.SCHEMA_VERSION,
            "m-1",
            channel,
            conversation.id(),
            "BIZ",
            new Sender("CUSTOMER", "Maria Souza", null),
            payload == null ? MessageKind.TEXT : MessageKind.POSTBACK,
            text,
            payload,
            List.of(),
            null,
            List.of(),
            0);
    return new TurnContext(conversation, message, MENU, TEXTS, CapabilityTable.load().of(channel));
  }

  /** Every text the turn said, questions included, one per line. */
  static String said(TurnContext turn) {
    return turn.done().replies().stream()
        .map(Turns::text)
        .filter(t -> t != null)
        .collect(Collectors.joining("\n"));
  }

  /** The payloads of the last question's choices. */
  static List<String> offered(TurnContext turn) {
    return turn.done().conversation().state().offeredChoices();
  }

  private static String text(ReplyPart part) {
    if (part instanceof TextPart t) {
      return t.text();
    }
    if (part instanceof ChoicesPart c) {
      return c.text();
    }
    return null;
  }

  private static Menu sampleMenu() {
    try (InputStream in = Turns.class.getResourceAsStream("/menu/sample-menu.json")) {
      return new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(in, Menu.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ResourceBundleMessageSource texts() {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasename("i18n/messages");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }
}
