package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.marketing.MarketingSignal;
import com.posmodern.omnichannel.pos.catalog.Menu;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * One customer message being answered: the conversation and where it stands, what the customer sent
 * (a tap's payload, or typed text read as the option it numbers or names), the menu and texts of
 * this turn, and the replies and marketing moments the step handlers add. {@link
 * ConversationEngine} makes one per message and turns it into a {@link Turn}.
 */
final class TurnContext {

  private Conversation conversation;
  private ConversationState state;
  private Texts texts;
  private final CanonicalMessage message;
  private final Menu menu;
  private final ChannelCapabilities capabilities;
  private final MessageSource messages;
  private final List<ReplyPart> replies = new ArrayList<>();
  private final List<MarketingSignal> signals = new ArrayList<>();
  private final String input;
  private final String normalized;
  private final boolean isPayload;
  private boolean asked;
  private OrderTextParser.Reading reading;

  TurnContext(
      Conversation conversation,
      CanonicalMessage message,
      Menu menu,
      MessageSource messages,
      ChannelCapabilities capabilities) {
    this.conversation = conversation;
    this.state = conversation.state();
    this.message = message;
    this.menu = menu;
    this.messages = messages;
    this.capabilities = capabilities;
    this.texts = new Texts(messages, conversation.locale());
    boolean payload = message.payload() != null && !message.payload().isBlank();
    String raw = payload ? message.payload() : message.text() == null ? "" : message.text().strip();
    String picked = payload ? null : pickedByNumber(raw);
    if (!payload && picked == null) {
      picked = TypedChoices.pick(raw, state.offeredChoices(), menu, state.pending());
    }
    this.isPayload = payload || picked != null;
    this.input = picked != null ? picked : raw;
    this.normalized = TextMatching.normalize(input);
  }

  Conversation conversation() {
    return conversation;
  }

  ConversationState state() {
    return state;
  }

  /** Moves the conversation to a new state. */
  void state(ConversationState next) {
    this.state = next;
  }

  CanonicalMessage message() {
    return message;
  }

  Menu menu() {
    return menu;
  }

  Texts texts() {
    return texts;
  }

  /** What the customer's channel can show. */
  ChannelCapabilities capabilities() {
    return capabilities;
  }

  /** The payload tapped (or picked by its number), or the typed text, stripped. */
  String input() {
    return input;
  }

  /** {@link #input()} lowercased, without accents or punctuation, for matching words. */
  String normalized() {
    return normalized;
  }

  /** Whether the customer tapped a choice (or typed its number) rather than writing. */
  boolean isPayload() {
    return isPayload;
  }

  /** A number of one or two digits typed alone ("2"), or null. */
  Integer typedNumber() {
    return normalized.matches("\\d{1,2}") ? Integer.valueOf(normalized) : null;
  }

  /** Whether anything was said yet in this turn. */
  /**
   * The customer's text read as an order, once per turn (the asides, the model's gate and the typed
   * order all look at it).
   */
  OrderTextParser.Reading reading() {
    if (reading == null) {
      reading = OrderTextParser.read(input, menu);
    }
    return reading;
  }

  /** Whether this turn has asked the customer something (a question or options). */
  boolean asked() {
    return asked;
  }

  boolean saidAnything() {
    return !replies.isEmpty();
  }

  /** Switches the conversation's language from this turn on. */
  void switchLanguage(Locale locale) {
    conversation = conversation.withLocale(locale);
    texts = new Texts(messages, locale);
  }

  void say(String text) {
    replies.add(new TextPart(text));
  }

  /** Adds a reply part other than text (an image, cards). */
  void add(ReplyPart part) {
    replies.add(part);
  }

  /** Asks a question (with options when there are any): the customer was understood. */
  void ask(Step step, String question, List<Choice> choices) {
    offer(step, question, choices);
    state = state.understood();
  }

  /** Asks a question without counting the customer as understood. */
  void offer(Step step, String question, List<Choice> choices) {
    asked = true;
    replies.add(choices.isEmpty() ? new TextPart(question) : new ChoicesPart(question, choices));
    state = state.at(step, choices.stream().map(Choice::payload).toList());
  }

  void signal(ConversationMoment moment, EventData data) {
    signals.add(MarketingSignal.of(moment, data));
  }

  /** A moment with its own event id (a purchase). */
  void signal(MarketingSignal signal) {
    signals.add(signal);
  }

  /** What the cart holds, with the given value, as marketing data. */
  EventData cartData(long valueCents) {
    return new EventData(
        valueCents,
        "BRL",
        state.cart().stream().map(ConversationSignals::item).toList(),
        null,
        null,
        null);
  }

  /** The conversation's new state, the replies and the moments of this turn. */
  Turn done() {
    return new Turn(conversation.withState(state), replies, signals);
  }

  /**
   * A typed number picks the option it numbers in the last offer (channels without buttons show
   * numbered lists).
   */
  private String pickedByNumber(String typed) {
    if (!typed.matches("\\d{1,2}")) {
      return null;
    }
    int number = Integer.parseInt(typed);
    List<String> offered = state.offeredChoices();
    return number >= 1 && number <= offered.size() ? offered.get(number - 1) : null;
  }
}
