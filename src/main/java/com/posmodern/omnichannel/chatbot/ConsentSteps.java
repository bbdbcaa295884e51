package com.posmodern.omnichannel.chatbot;

import static com.posmodern.omnichannel.chatbot.Payloads.CONSENT_NO;
import static com.posmodern.omnichannel.chatbot.Payloads.CONSENT_YES;

import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.marketing.MarketingRecorder;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import java.util.List;
import java.util.Set;

/**
 * Marketing consent (LGPD): the answer to the question asked after a first order, opting in by
 * keyword, and opting out at once with SAIR, PARAR or STOP whatever the conversation is doing.
 * Every decision goes to the consent ledger. Answers the {@code CONSENT} step.
 */
final class ConsentSteps implements StepHandler {

  /** Marketing opt-out at once, whatever the question (LGPD art. 8 §5, revocable at any time). */
  private static final Set<String> OPT_OUT_WORDS = Set.of("sair", "parar", "stop");

  private static final Set<String> OPT_IN_WORDS =
      Set.of("quero promocoes", "receber promocoes", "aceito promocoes", "start");
  private static final Set<String> YES = Set.of("sim", "quero", "pode", "aceito", "yes");
  private static final Set<String> NO = Set.of("nao", "nao quero", "nao obrigado", "no");

  private final ConsentLedger consent;
  private final MarketingRecorder marketing;
  private final Prompts prompts;

  ConsentSteps(ConsentLedger consent, MarketingRecorder marketing, Prompts prompts) {
    this.consent = consent;
    this.marketing = marketing;
    this.prompts = prompts;
  }

  @Override
  public Set<Step> steps() {
    return Set.of(Step.CONSENT);
  }

  @Override
  public boolean answer(TurnContext turn) {
    if (turn.input().equals(CONSENT_YES) || YES.contains(turn.normalized())) {
      optIn(turn, "choice");
      prompts.offerAfterOrder(turn);
      return true;
    }
    if (turn.input().equals(CONSENT_NO) || NO.contains(turn.normalized())) {
      Conversation conversation = turn.conversation();
      consent.record(
          conversation.id(), conversation.channel(), ConsentLedger.Decision.OPT_OUT, "choice");
      turn.say(turn.texts().get("consent.declined"));
      prompts.offerAfterOrder(turn);
      return true;
    }
    return false;
  }

  /** "quero promoções" typed at any point opts in. */
  boolean optedInByKeyword(TurnContext turn) {
    if (turn.isPayload() || !OPT_IN_WORDS.contains(turn.normalized())) {
      return false;
    }
    optIn(turn, "keyword");
    prompts.offerMenu(turn, "help.question");
    return true;
  }

  /**
   * SAIR, PARAR or STOP as a message of its own (a line of a burst counts too) opts out at once;
   * events not yet sent are withdrawn.
   */
  boolean optedOut(TurnContext turn) {
    String word = optOutWord(turn);
    if (word == null) {
      return false;
    }
    Conversation conversation = turn.conversation();
    consent.record(
        conversation.id(),
        conversation.channel(),
        ConsentLedger.Decision.OPT_OUT,
        "keyword:" + word.toUpperCase(java.util.Locale.ROOT));
    marketing.cancelPending(conversation.id());
    turn.say(turn.texts().get("consent.opted.out"));
    if (turn.state().step() == Step.CONSENT) {
      turn.state(turn.state().at(Step.ORDERED, List.of()));
    }
    return true;
  }

  private void optIn(TurnContext turn, String source) {
    Conversation conversation = turn.conversation();
    consent.record(
        conversation.id(), conversation.channel(), ConsentLedger.Decision.OPT_IN, source);
    turn.signal(ConversationMoment.OPTED_IN, EventData.none());
    turn.say(turn.texts().get("consent.thanks"));
  }

  private static String optOutWord(TurnContext turn) {
    String text = turn.message().text();
    if (turn.isPayload() || text == null) {
      return null;
    }
    for (String line : text.split("\\R")) {
      String word = TextMatching.normalize(line.strip());
      if (OPT_OUT_WORDS.contains(word)) {
        return word;
      }
    }
    return null;
  }

  @Override
  public boolean askAgain(TurnContext turn) {
    ask(turn);
    return true;
  }

  /** Whether the customer wants the restaurant's news and offers. */
  static void ask(TurnContext turn) {
    Texts texts = turn.texts();
    turn.ask(
        Step.CONSENT,
        texts.get("consent.question", turn.menu().restaurant().name()),
        choices(texts));
  }

  /** The consent question's options. */
  static List<Choice> choices(Texts texts) {
    return List.of(
        new Choice(CONSENT_YES, texts.get("choice.consent.yes")),
        new Choice(CONSENT_NO, texts.get("choice.consent.no")));
  }
}
