package com.posmodern.omnichannel.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsidesTest {

  private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

  private static Asides at(int hour) {
    Clock clock =
        Clock.fixed(
            LocalDateTime.of(2026, 12, 2, hour, 0).atZone(SAO_PAULO).toInstant(), SAO_PAULO);
    return new Asides(new RestaurantQuestions(new RestaurantHours(clock, new Prompts())));
  }

  private static ConversationState waitingFor(Step step) {
    return ConversationState.start().at(step, List.of());
  }

  @Test
  void theHoursAreAnsweredFromTheMenuOpenOrClosed() {
    TurnContext open = Turns.typed(waitingFor(Step.BROWSING), "vcs tão abertos?");
    assertThat(at(20).answer(open)).isTrue();
    assertThat(Turns.said(open))
        .contains("Estamos abertos agora")
        .contains("10:00")
        .contains("04:00");

    TurnContext closed = Turns.typed(waitingFor(Step.BROWSING), "que horas vocês abrem?");
    assertThat(at(8).answer(closed)).isTrue();
    assertThat(Turns.said(closed)).contains("Estamos fechados agora");
  }

  @Test
  void deliveryZonesFeesAndTheMinimumAreListed() {
    TurnContext turn = Turns.typed(waitingFor(Step.BROWSING), "qual a taxa de entrega?");
    assertThat(at(20).answer(turn)).isTrue();
    assertThat(Turns.said(turn))
        .contains("Pinheiros")
        .contains("R$ 6,90")
        .contains("Pedido mínimo");
  }

  @Test
  void aComplaintIsAnAsideExceptWhereFeedbackIsAsked() {
    TurnContext cart = Turns.typed(waitingFor(Step.CART), "a pizza de ontem chegou fria");
    assertThat(at(20).answer(cart)).isTrue();
    assertThat(Turns.said(cart)).contains("Sinto muito");

    // At the rating, "nota 4, demorou um pouco" is a rating with a comment, read by FeedbackSteps.
    assertThat(at(20).answer(Turns.typed(waitingFor(Step.RATING), "nota 4, demorou um pouco")))
        .isFalse();
    assertThat(at(20).answer(Turns.typed(waitingFor(Step.CART), "uma coca bem gelada"))).isFalse();
  }

  @Test
  void aQuestionWhileTypingAnAddressIsNeverTheAddress() {
    TurnContext street = Turns.typed(waitingFor(Step.STREET), "posso pagar com vale refeição?");
    assertThat(at(20).answer(street)).isTrue();
    assertThat(Turns.said(street)).contains("atendente");

    assertThat(at(20).answer(Turns.typed(waitingFor(Step.STREET), "Rua Harmonia"))).isFalse();
    assertThat(at(20).answer(Turns.typed(waitingFor(Step.BROWSING), "tem sobremesa?"))).isFalse();
  }

  @Test
  void anOrderACommandOrFeedbackInTheSameMessageIsNotAnAside() {
    Asides asides = at(20);
    assertThat(
            asides.answer(
                Turns.typed(waitingFor(Step.BROWSING), "estão abertos? queria 2 guaranás")))
        .isFalse();
    assertThat(
            asides.answer(Turns.typed(waitingFor(Step.BROWSING), "cadê meu pedido? tá demorando")))
        .isFalse();
    assertThat(asides.answer(Turns.typed(waitingFor(Step.CART), "quero um atendente, chegou frio")))
        .isFalse();
    assertThat(asides.answer(Turns.typed(waitingFor(Step.COMMENT), "chegou no horário, adorei")))
        .isFalse();
  }
}
