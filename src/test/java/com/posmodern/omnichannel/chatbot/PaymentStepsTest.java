package com.posmodern.omnichannel.chatbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingSignal;
import com.posmodern.omnichannel.payment.PaymentLink;
import com.posmodern.omnichannel.payment.PaymentProvider;
import com.posmodern.omnichannel.payment.PaymentUnavailableException;
import com.posmodern.omnichannel.payment.PixCharges;
import com.posmodern.omnichannel.pos.orders.Order;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class PaymentStepsTest {

  private final OrderBook orders = mock(OrderBook.class);
  private final PixCharges pix = mock(PixCharges.class);
  private final PaymentProvider cards = mock(PaymentProvider.class);
  private final ConsentLedger consent = mock(ConsentLedger.class);
  private PaymentSteps payment;

  @BeforeEach
  void at8pm() {
    ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
    Prompts prompts = new Prompts();
    RestaurantHours hours =
        new RestaurantHours(
            Clock.fixed(
                LocalDateTime.of(2026, 12, 2, 20, 0).atZone(saoPaulo).toInstant(), saoPaulo),
            prompts);
    payment = new PaymentSteps(orders, pix, cards, consent, hours, prompts);
    when(orders.place(any()))
        .thenAnswer(
            call -> {
              Order draft = call.getArgument(0);
              return draft.placedAs("K7Q2M9XD", null);
            });
  }

  /** Feijoada and orange juice for pickup (R$ 60,00), payment asked. */
  private static ConversationState askedToPay() {
    CartLine feijoada =
        CartSteps.line(Turns.MENU.item("feijoada").orElseThrow(), null, List.of(), 1);
    CartLine juice =
        CartSteps.line(Turns.MENU.item("suco-laranja").orElseThrow(), null, List.of(), 1);
    return ConversationState.start()
        .withCart(List.of(feijoada, juice))
        .withCheckout(
            Checkout.empty().withDelivery(false).withName("Ana").withPhone("+551133334444"))
        .at(Step.PAYMENT, List.of("PAY:PIX", "PAY:CARD", "PAY:CASH"));
  }

  @Test
  void cashAsksForChangeRefusesTooLittleAndPlacesTheOrderWithIt() {
    TurnContext cash = Turns.typed(askedToPay(), "vou pagar em dinheiro");
    assertThat(payment.answer(cash)).isTrue();
    assertThat(cash.state().step()).isEqualTo(Step.CASH_CHANGE);
    verifyNoInteractions(orders);

    ConversationState change = cash.done().conversation().state();
    TurnContext tooLittle = Turns.typed(change, "50");
    assertThat(payment.answer(tooLittle)).isTrue();
    assertThat(Turns.said(tooLittle)).contains("maior que o total de R$ 60,00");

    when(consent.undecided(anyString())).thenReturn(true);
    TurnContext placed = Turns.typed(change, "R$ 100");
    assertThat(payment.answer(placed)).isTrue();
    ArgumentCaptor<Order> order = ArgumentCaptor.forClass(Order.class);
    verify(orders).place(order.capture());
    assertThat(order.getValue().changeForCents()).isEqualTo(10000);
    assertThat(order.getValue().paymentStatus()).isEqualTo("on_delivery");
    assertThat(Turns.said(placed)).contains("Levaremos troco para R$ 100,00 (R$ 40,00 de troco)");
    // Cash is bought once placed; marketing consent is asked once, after the order.
    assertThat(placed.done().signals())
        .extracting(MarketingSignal::moment)
        .contains(ConversationMoment.PURCHASED);
    assertThat(Turns.offered(placed)).containsExactly("CONSENT:YES", "CONSENT:NO");
    assertThat(placed.state().orderId()).isEqualTo("K7Q2M9XD");
  }

  @Test
  void pixGivesTheCopyAndPasteCodeAndItsQrImage() {
    when(pix.copyAndPaste("K7Q2M9XD", 6000)).thenReturn("00020126…6304ABCD");
    when(pix.qrImageUrl("K7Q2M9XD")).thenReturn("https://bot.example/payments/pix/K7Q2M9XD.png");

    TurnContext turn = Turns.tapped(askedToPay(), "PAY:PIX");

    assertThat(payment.answer(turn)).isTrue();
    assertThat(Turns.said(turn)).contains("Pedido #K7Q2M9XD confirmado!", "00020126…6304ABCD");
    assertThat(turn.done().signals())
        .extracting(MarketingSignal::moment)
        .doesNotContain(ConversationMoment.PURCHASED);
    assertThat(Turns.offered(turn)).containsExactly("TRACK", "CANCEL", "HUMAN");
  }

  @Test
  void aCardLinkThatCannotBeMadeStillConfirmsTheOrderAndSaysSo() {
    when(cards.linkFor(anyString(), anyString(), anyLong()))
        .thenThrow(new PaymentUnavailableException("Mercado Pago answered 500", null));

    TurnContext turn = Turns.tapped(askedToPay(), "PAY:CARD");

    assertThat(payment.answer(turn)).isTrue();
    assertThat(Turns.said(turn)).contains("link de pagamento com cartão não pôde ser gerado");
  }

  @Test
  void aCardLinkIsSent() {
    when(cards.linkFor(anyString(), anyString(), anyLong()))
        .thenReturn(new PaymentLink("https://mp.example/checkout/1", "pref-1"));

    TurnContext turn = Turns.typed(askedToPay(), "cartão de crédito");

    assertThat(payment.answer(turn)).isTrue();
    assertThat(Turns.said(turn))
        .contains("Pague com cartão neste link seguro: https://mp.example/checkout/1");
  }

  @Test
  void somethingElseIsNotAPaymentMethod() {
    assertThat(payment.answer(Turns.typed(askedToPay(), "quanto tempo demora?"))).isFalse();
    verifyNoInteractions(orders);
  }

  @Test
  void moneyIsReadAsCustomersTypeIt() {
    assertThat(PaymentSteps.money("100")).isEqualTo(10000);
    assertThat(PaymentSteps.money("R$ 50,5")).isEqualTo(5050);
    assertThat(PaymentSteps.money("100,00")).isEqualTo(10000);
    assertThat(PaymentSteps.money("cinquenta")).isNull();
  }

  @Test
  void theChangeIsReadInTheWaysPeopleSayIt() {
    assertThat(PaymentSteps.changeFor(TextMatching.normalize("troco pra 100"))).isEqualTo(10_000L);
    assertThat(PaymentSteps.changeFor(TextMatching.normalize("R$100,50"))).isEqualTo(10_050L);
    assertThat(PaymentSteps.changeFor(TextMatching.normalize("cem reais"))).isEqualTo(10_000L);
    assertThat(PaymentSteps.changeFor(TextMatching.normalize("tenho uma nota de 50")))
        .isEqualTo(5_000L);
    assertThat(PaymentSteps.changeFor(TextMatching.normalize("cento e cinquenta"))).isNull();
    assertThat(PaymentSteps.changeFor(TextMatching.normalize("não sei"))).isNull();
  }
}
