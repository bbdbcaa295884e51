package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.Attachment;
import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.pos.catalog.MenuSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;

/**
 * The ordering conversation, channel-neutral: what to answer to one customer message given where
 * the conversation stands. Opting out and a person answering come first; then what is said in
 * between ({@link Asides}: a question about the restaurant, a complaint), answered before the
 * waiting question is asked again; then what the customer may ask at any step ({@link
 * GlobalIntents}), then the answer to the current step's question (the {@link StepHandler} of that
 * step), then a typed order ({@link TypedOrders}), and otherwise "I did not understand" ({@link
 * Fallback}). What the channel can show comes only from its {@link ChannelCapabilities}. Runs
 * inside the chatbot's transaction; called by {@link ChatbotService}.
 */
public final class ConversationEngine {

  private final MenuSource menu;
  private final MessageSource texts;
  private final Prompts prompts;
  private final ConsentSteps consent;
  private final GlobalIntents intents;
  private final Asides asides;
  private final AiTurns ai;
  private final TypedOrders typedOrders;
  private final Fallback fallback;
  private final Map<Step, StepHandler> handlers = new EnumMap<>(Step.class);

  ConversationEngine(
      MenuSource menu,
      MessageSource texts,
      Prompts prompts,
      ConsentSteps consent,
      GlobalIntents intents,
      Asides asides,
      List<StepHandler> stepHandlers,
      AiTurns ai,
      TypedOrders typedOrders,
      Fallback fallback) {
    this.menu = menu;
    this.texts = texts;
    this.prompts = prompts;
    this.consent = consent;
    this.intents = intents;
    this.asides = asides;
    this.ai = ai;
    this.typedOrders = typedOrders;
    this.fallback = fallback;
    for (StepHandler handler : stepHandlers) {
      for (Step step : handler.steps()) {
        StepHandler taken = handlers.putIfAbsent(step, handler);
        if (taken != null) {
          throw new IllegalArgumentException(
              "Step "
                  + step
                  + " is answered by both "
                  + taken.getClass().getSimpleName()
                  + " and "
                  + handler.getClass().getSimpleName());
        }
      }
    }
  }

  /** One customer message in, the conversation's next state and the replies out. */
  Turn converse(
      Conversation conversation, CanonicalMessage message, ChannelCapabilities capabilities) {
    return converse(conversation, message, conversation.isNew(), capabilities);
  }

  /**
   * The same, for a turn whose first contact is known otherwise (a burst answered after the
   * conversation was stored).
   */
  Turn converse(
      Conversation conversation,
      CanonicalMessage message,
      boolean firstContact,
      ChannelCapabilities capabilities) {
    TurnContext turn = new TurnContext(conversation, message, menu.current(), texts, capabilities);
    if (consent.optedOut(turn)) {
      return turn.done(); // at once, whatever the conversation is doing (a person answering too)
    }
    if (turn.state().step() == Step.HUMAN) {
      return turn.done(); // a person is answering: the bot stays silent
    }
    if (firstContact) {
      prompts.greet(turn);
      turn.signal(ConversationMoment.CONVERSATION_STARTED, EventData.none());
    }
    if (isStoryMention(turn)) {
      turn.say(turn.texts().get("story.mention.thanks"));
      prompts.offerMenu(turn, "help.question");
      return turn.done();
    }
    if (asides.answer(turn)) {
      // Answered in between: the question the conversation waits on is asked again.
      StepHandler handler = handlers.get(turn.state().step());
      if (handler == null || !handler.askAgain(turn)) {
        prompts.offerMenu(turn, "help.question");
      }
      return turn.done();
    }
    if (!intents.handle(turn)
        && !answeredByStep(turn)
        && !(ai.on()
            && !typedOrders.readsWhole(turn)
            && ai.answered(turn, handlers.get(turn.state().step())))
        && !typedOrders.read(turn)) {
      fallback.misunderstood(turn);
    }
    return turn.done();
  }

  private boolean answeredByStep(TurnContext turn) {
    StepHandler handler = handlers.get(turn.state().step());
    return handler != null && handler.answer(turn);
  }

  /** A mention in the customer's story with nothing typed: thanked, not misunderstood. */
  private static boolean isStoryMention(TurnContext turn) {
    CanonicalMessage message = turn.message();
    return (message.text() == null || message.text().isBlank())
        && message.attachments().stream().anyMatch(a -> Attachment.STORY_MENTION.equals(a.type()));
  }
}
