package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.MessageKind;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.chatbot.menu.Menu;
import com.posmodern.omnichannel.chatbot.menu.Prices;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation engine every channel shares: takes one canonical message, changes the
 * conversation exactly once (the message id, the new state and the replies are committed together),
 * and returns the channel-neutral replies to send. Called by the {@code chatbot-consume} route
 * through the per-channel services; it knows the channel only through its {@link
 * ChannelCapabilities}.
 */
public abstract class BaseChatbotService {

  private static final Logger log = LoggerFactory.getLogger(BaseChatbotService.class);

  /** Payload prefix of a category choice. */
  static final String CATEGORY_PAYLOAD = "CATEGORY:";

  /** Payload of the "show the menu" choice. */
  static final String MENU_PAYLOAD = "MENU";

  private static final Set<String> GREETINGS =
      Set.of(
          "oi",
          "ola",
          "opa",
          "oie",
          "bom dia",
          "boa tarde",
          "boa noite",
          "hello",
          "hi",
          "hey",
          "comecar",
          "inicio");
  private static final Set<String> MENU_WORDS =
      Set.of("menu", "cardapio", "ver cardapio", "categorias");
  private static final int QUOTE_LIMIT = 80;

  private final ChannelCapabilities capabilities;
  private final ChatbotDependencies deps;

  protected BaseChatbotService(ChannelCapabilities capabilities, ChatbotDependencies deps) {
    this.capabilities = capabilities;
    this.deps = deps;
  }

  /** Guards the wiring: a per-channel service must be given its own channel's capabilities. */
  protected static ChannelCapabilities requireChannel(
      ChannelCapabilities capabilities, Channel channel) {
    if (capabilities.channel() != channel) {
      throw new IllegalArgumentException(
          "The "
              + channel.id()
              + " chatbot was given "
              + capabilities.channel().id()
              + " capabilities");
    }
    return capabilities;
  }

  /** The channel this service converses on. */
  public Channel channel() {
    return capabilities.channel();
  }

  /** What the channel can show. */
  public ChannelCapabilities capabilities() {
    return capabilities;
  }

  /**
   * Processes one message and returns the replies to send now: the new ones, or, when the message
   * was already processed (an SQS redelivery), those of its replies still unsent. Never answers
   * echoes, deliveries or reads.
   */
  public List<OutboundReply> handle(@Body CanonicalMessage message) {
    if (message.channel() != channel()) {
      throw new IllegalArgumentException(
          "A " + message.channel().id() + " message reached the " + channel().id() + " chatbot");
    }
    return deps.transactions()
        .execute(
            status -> {
              if (!deps.processedMessages().claim(message)) {
                List<OutboundReply> unsent = deps.outbox().pending(message.messageId());
                log.info(
                    "[{}] message {} already processed; {} reply(ies) still to send",
                    message.conversationId(),
                    message.messageId(),
                    unsent.size());
                return unsent;
              }
              if (!message.kind().answerable()) {
                log.debug(
                    "[{}] {} event recorded, not answered",
                    message.conversationId(),
                    message.kind());
                return List.of();
              }
              Turn turn = converse(deps.conversations().findOrStart(message), message);
              deps.conversations().saveAfterInbound(turn.conversation());
              return deps.outbox().add(message.messageId(), turn.conversation(), turn.replies());
            });
  }

  /** Decides what to answer; the heart of the conversation. */
  Turn converse(Conversation conversation, CanonicalMessage message) {
    Menu menu = deps.menu().current();
    String input = input(conversation, message);
    String normalized = normalize(input);

    if (input.startsWith(CATEGORY_PAYLOAD)) {
      return showCategory(conversation, menu, input.substring(CATEGORY_PAYLOAD.length()));
    }
    Optional<Menu.Category> named =
        menu.categories().stream()
            .filter(category -> normalize(category.name()).equals(normalized))
            .findFirst();
    if (named.isPresent()) {
      return showCategory(conversation, menu, named.get().id());
    }
    if (conversation.isNew() || GREETINGS.contains(normalized)) {
      return greet(conversation, menu);
    }
    if (MENU_PAYLOAD.equals(input) || MENU_WORDS.contains(normalized)) {
      return categories(conversation, menu, List.of(), "categories.question");
    }
    List<ReplyPart> apology =
        List.of(
            message.kind() == MessageKind.TEXT && !input.isBlank()
                ? new TextPart(text(conversation, "fallback.text", quote(input)))
                : new TextPart(text(conversation, "fallback.other")));
    return categories(conversation, menu, apology, "categories.question");
  }

  private Turn greet(Conversation conversation, Menu menu) {
    return categories(
        conversation, menu, List.of(greeting(conversation, menu)), "categories.question");
  }

  private TextPart greeting(Conversation conversation, Menu menu) {
    String name = conversation.customerName();
    return new TextPart(
        name == null || name.isBlank()
            ? text(conversation, "greeting.anonymous", menu.restaurant().name())
            : text(conversation, "greeting.named", firstName(name), menu.restaurant().name()));
  }

  private Turn categories(
      Conversation conversation, Menu menu, List<ReplyPart> before, String questionKey) {
    List<Choice> choices =
        menu.categories().stream()
            .map(c -> new Choice(CATEGORY_PAYLOAD + c.id(), c.name()))
            .toList();
    List<ReplyPart> replies = new ArrayList<>(before);
    replies.add(new ChoicesPart(text(conversation, questionKey), choices));
    return new Turn(
        conversation.withState(new ConversationState(Step.CATEGORIES, null, payloads(choices))),
        replies);
  }

  private Turn showCategory(Conversation conversation, Menu menu, String categoryId) {
    Optional<Menu.Category> found = menu.category(categoryId);
    if (found.isEmpty()) {
      return categories(
          conversation,
          menu,
          List.of(new TextPart(text(conversation, "category.unknown"))),
          "categories.question");
    }
    Menu.Category category = found.get();
    Locale locale = conversation.locale();
    StringBuilder listing =
        new StringBuilder(
            text(conversation, "category.header", category.name(), category.description()));
    if (category.items().isEmpty()) {
      listing.append("\n").append(text(conversation, "category.empty"));
    }
    for (Menu.Item item : category.items()) {
      String line;
      if (!item.available()) {
        line = text(conversation, "category.item.unavailable", item.name());
      } else if (item.variants().size() > 1) {
        line =
            text(
                conversation,
                "category.item.from",
                item.name(),
                Prices.format(item.priceCents(), locale));
      } else {
        line =
            text(
                conversation,
                "category.item",
                item.name(),
                Prices.format(item.priceCents(), locale));
      }
      listing.append("\n• ").append(line);
    }
    List<Choice> others =
        menu.categories().stream()
            .filter(other -> !other.id().equals(category.id()))
            .map(other -> new Choice(CATEGORY_PAYLOAD + other.id(), other.name()))
            .toList();
    List<ReplyPart> replies = new ArrayList<>();
    if (conversation.isNew()) {
      // A customer whose first words name a category is still welcomed first.
      replies.add(greeting(conversation, menu));
    }
    replies.add(new TextPart(listing.toString()));
    replies.add(new ChoicesPart(text(conversation, "more.question"), others));
    return new Turn(
        conversation.withState(new ConversationState(Step.ITEMS, category.id(), payloads(others))),
        replies);
  }

  /**
   * What the customer chose or typed; a typed number picks the option it numbers in the last offer.
   */
  private static String input(Conversation conversation, CanonicalMessage message) {
    if (message.payload() != null && !message.payload().isBlank()) {
      return message.payload();
    }
    String typed = message.text() == null ? "" : message.text().strip();
    List<String> offered = conversation.state().offeredChoices();
    if (typed.matches("\\d{1,2}")) {
      int number = Integer.parseInt(typed);
      if (number >= 1 && number <= offered.size()) {
        return offered.get(number - 1);
      }
    }
    return typed;
  }

  private String text(Conversation conversation, String key, Object... args) {
    return deps.texts().getMessage(key, args, conversation.locale());
  }

  private static List<String> payloads(List<Choice> choices) {
    return choices.stream().map(Choice::payload).toList();
  }

  private static String firstName(String name) {
    return name.strip().split("\\s+")[0];
  }

  private static String quote(String input) {
    String flat = input.replaceAll("\\s+", " ");
    return flat.length() <= QUOTE_LIMIT ? flat : flat.substring(0, QUOTE_LIMIT) + "…";
  }

  /**
   * Lower case, no accents, single spaces, no trailing punctuation: how typed words are compared.
   */
  static String normalize(String text) {
    String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    return decomposed
        .replaceAll("\\p{M}", "")
        .replaceAll("[!?.,;:]+$", "")
        .replaceAll("\\s+", " ")
        .strip();
  }
}
