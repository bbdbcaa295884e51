package com.posmodern.omnichannel.chatbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.MarketingRecorder;
import com.posmodern.omnichannel.payment.PaymentProvider;
import com.posmodern.omnichannel.payment.PixCharges;
import com.posmodern.omnichannel.pos.catalog.MenuSource;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine's dispatch: opting out and a person answering first, then what may be asked at any
 * step, then the current step's handler, then a typed order, then "not understood".
 */
class ConversationEngineTest {

  private static final ChannelCapabilities MESSENGER = CapabilityTable.load().of(Channel.MESSENGER);

  private final OrderBook orders = mock(OrderBook.class);
  private final List<Step> asked = new ArrayList<>();

  /** Answers the rating step by recording that it was asked. */
  private final StepHandler ratingSpy =
      new StepHandler() {
        @Override
        public Set<Step> steps() {
          return Set.of(Step.RATING);
        }

        @Override
        public boolean answer(TurnContext turn) {
          asked.add(turn.state().step());
          return turn.input().equals("RATE:5");
        }
      };

  private ConversationEngine engine(int handoffAfter, StepHandler... handlers) {
    MenuSource menu = mock(MenuSource.class);
    when(menu.current()).thenReturn(Turns.MENU);
    ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
    Clock at8pm =
        Clock.fixed(LocalDateTime.of(2026, 12, 2, 20, 0).atZone(saoPaulo).toInstant(), saoPaulo);
    Prompts prompts = new Prompts();
    CartSteps cart = new CartSteps(prompts);
    MenuSteps menuSteps = new MenuSteps(prompts, cart);
    RestaurantHours hours = new RestaurantHours(at8pm, prompts);
    ConsentLedger ledger = mock(ConsentLedger.class);
    PaymentSteps payment =
        new PaymentSteps(
            orders, mock(PixCharges.class), mock(PaymentProvider.class), ledger, hours, prompts);
    CheckoutSteps checkout = new CheckoutSteps(prompts, cart, hours, payment);
    ConsentSteps consent = new ConsentSteps(ledger, mock(MarketingRecorder.class), prompts);
    List<StepHandler> steps = new ArrayList<>(List.of(menuSteps, cart, checkout, payment, consent));
    steps.addAll(List.of(handlers));
    // Wired as the application wires it.
    return new ConversationConfiguration()
        .conversationEngine(
            menu,
            Turns.TEXTS,
            prompts,
            consent,
            menuSteps,
            cart,
            checkout,
            orders,
            new ChatbotProperties(handoffAfter, 0),
            hours,
            ConversationModel.OFF,
            steps);
  }

  private static Conversation conversation(ConversationState state, boolean isNew) {
    return new Conversation(
        "messenger:BIZ:CUSTOMER",
        Channel.MESSENGER,
        "BIZ",
        "CUSTOMER",
        "Maria Souza",
        null,
        Locale.forLanguageTag("pt-BR"),
        state,
        null,
        isNew);
  }

  private static Turn say(ConversationEngine engine, ConversationState state, String text) {
    TurnContext turn = Turns.typed(state, text);
    return engine.converse(conversation(state, false), turn.message(), MESSENGER);
  }

  @Test
  void twoHandlersForOneStepAreAWiringError() {
    StepHandler another =
        new StepHandler() {
          @Override
          public Set<Step> steps() {
            return Set.of(Step.CART);
          }

          @Override
          public boolean answer(TurnContext turn) {
            return false;
          }
        };

    assertThatThrownBy(() -> engine(3, another))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Step CART is answered by both CartSteps and");
  }

  @Test
  void theCurrentStepsHandlerReadsTheAnswer() {
    ConversationState rating =
        ConversationState.start()
            .at(Step.RATING, List.of("RATE:1", "RATE:2", "RATE:3", "RATE:4", "RATE:5"));

    // "5" typed picks the fifth option offered, RATE:5.
    Turn turn = say(engine(3, ratingSpy), rating, "5");

    assertThat(asked).containsExactly(Step.RATING);
    assertThat(turn.replies()).isEmpty(); // the spy says nothing
  }

  @Test
  void aFirstMessageIsGreetedByName() {
    TurnContext turn = Turns.typed(ConversationState.start(), "oi");

    Turn answered =
        engine(3, ratingSpy)
            .converse(conversation(ConversationState.start(), true), turn.message(), MESSENGER);

    assertThat(answered.replies().get(0).toString())
        .contains("Olá, Maria! 👋 Bem-vindo(a) à Cantina Sabor da Vila.");
  }

  @Test
  void whileAPersonAnswersTheBotIsSilent() {
    ConversationState human = ConversationState.start().at(Step.HUMAN, List.of());

    Turn turn = say(engine(3, ratingSpy), human, "oi, alguém aí?");

    assertThat(turn.replies()).isEmpty();
    assertThat(turn.conversation().state().step()).isEqualTo(Step.HUMAN);
  }

  @Test
  void aTypedOrderIsReadWhenNoStepTakesIt() {
    Turn turn = say(engine(3, ratingSpy), ConversationState.start(), "2 x-bacon com ovo");

    assertThat(turn.conversation().state().cart())
        .singleElement()
        .satisfies(line -> assertThat(line.quantity()).isEqualTo(2));
  }

  @Test
  void afterTooManyMessagesNotUnderstoodAPersonIsCalled() {
    ConversationEngine engine = engine(2, ratingSpy);
    Turn first = say(engine, ConversationState.start(), "asdfgh");
    assertThat(first.replies().get(0).toString()).contains("não entendi “asdfgh”");

    Turn second = say(engine, first.conversation().state(), "qwerty");

    assertThat(second.conversation().state().step()).isEqualTo(Step.HUMAN);
    assertThat(second.replies().get(0).toString()).contains("Chamei um atendente");
  }
}
