package com.posmodern.omnichannel.chatbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.MarketingRecorder;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentStepsTest {

  private static final String CONVERSATION = "messenger:BIZ:CUSTOMER";

  private final ConsentLedger ledger = mock(ConsentLedger.class);
  private final MarketingRecorder marketing = mock(MarketingRecorder.class);
  private final ConsentSteps consent = new ConsentSteps(ledger, marketing, new Prompts());

  private static ConversationState asked() {
    return ConversationState.start().withOrder("K7Q2M9XD").at(Step.CONSENT, List.of());
  }

  @Test
  void yesIsRecordedAsAnOptIn() {
    TurnContext turn = Turns.tapped(asked(), "CONSENT:YES");

    assertThat(consent.answer(turn)).isTrue();
    verify(ledger).record(CONVERSATION, Channel.MESSENGER, ConsentLedger.Decision.OPT_IN, "choice");
    assertThat(Turns.offered(turn)).containsExactly("TRACK", "CANCEL", "HUMAN");
  }

  @Test
  void noIsRecordedAsAnOptOut() {
    TurnContext turn = Turns.typed(asked(), "não quero");

    assertThat(consent.answer(turn)).isTrue();
    verify(ledger)
        .record(CONVERSATION, Channel.MESSENGER, ConsentLedger.Decision.OPT_OUT, "choice");
    assertThat(Turns.said(turn)).contains("não vamos te mandar promoções");
  }

  @Test
  void sairOnALineOfItsOwnOptsOutAtOnceAndWithdrawsPendingEvents() {
    TurnContext turn = Turns.typed(asked(), "obrigada\nSAIR");

    assertThat(consent.optedOut(turn)).isTrue();
    verify(ledger)
        .record(CONVERSATION, Channel.MESSENGER, ConsentLedger.Decision.OPT_OUT, "keyword:SAIR");
    verify(marketing).cancelPending(CONVERSATION);
    assertThat(turn.state().step()).isEqualTo(Step.ORDERED);
  }

  @Test
  void sairInsideASentenceOrAsATapIsNotAnOptOut() {
    assertThat(consent.optedOut(Turns.typed(asked(), "quero sair de casa às 8"))).isFalse();
    assertThat(consent.optedOut(Turns.tapped(asked(), "STOP"))).isFalse();
    verifyNoInteractions(ledger, marketing);
  }

  @Test
  void quero_promocoesOptsInFromAnyStep() {
    TurnContext turn = Turns.typed(ConversationState.start(), "Quero promoções");

    assertThat(consent.optedInByKeyword(turn)).isTrue();
    verify(ledger)
        .record(CONVERSATION, Channel.MESSENGER, ConsentLedger.Decision.OPT_IN, "keyword");
  }
}
