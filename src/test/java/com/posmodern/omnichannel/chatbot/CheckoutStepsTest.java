package com.posmodern.omnichannel.chatbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.payment.PaymentProvider;
import com.posmodern.omnichannel.payment.PixCharges;
import com.posmodern.omnichannel.pos.catalog.Menu;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckoutStepsTest {

  private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

  private static CheckoutSteps checkoutAt(int hour) {
    Prompts prompts = new Prompts();
    Clock clock =
        Clock.fixed(
            LocalDateTime.of(2026, 12, 2, hour, 0).atZone(SAO_PAULO).toInstant(), SAO_PAULO);
    RestaurantHours hours = new RestaurantHours(clock, prompts);
    PaymentSteps payment =
        new PaymentSteps(
            mock(OrderBook.class),
            mock(PixCharges.class),
            mock(PaymentProvider.class),
            mock(ConsentLedger.class),
            hours,
            prompts);
    return new CheckoutSteps(prompts, new CartSteps(prompts), hours, payment);
  }

  private static CartLine feijoada(int quantity) {
    Menu.Item item = Turns.MENU.item("feijoada").orElseThrow();
    return CartSteps.line(item, null, List.of(), quantity);
  }

  private static ConversationState at(Step step, Checkout checkout) {
    return ConversationState.start()
        .withCart(List.of(feijoada(1)))
        .withCheckout(checkout)
        .at(step, List.of());
  }

  @Test
  void aCepInAZoneGivesItsFeeAndAsksTheStreet() {
    TurnContext turn = Turns.typed(at(Step.CEP, Checkout.empty().withDelivery(true)), "05435-000");

    assertThat(checkoutAt(20).answer(turn)).isTrue();
    assertThat(Turns.said(turn)).contains("Pinheiros e Vila Madalena", "R$ 6,90", "Qual a rua");
    assertThat(turn.state().checkout().feeCents()).isEqualTo(690);
    assertThat(turn.state().step()).isEqualTo(Step.STREET);
  }

  @Test
  void aCepOutsideEveryZoneOffersPickup() {
    TurnContext turn = Turns.typed(at(Step.CEP, Checkout.empty().withDelivery(true)), "08001000");

    assertThat(checkoutAt(20).answer(turn)).isTrue();
    assertThat(Turns.said(turn)).contains("Ainda não entregamos no CEP 08001-000");
    assertThat(Turns.offered(turn)).containsExactly("PICKUP", "RESTART");
  }

  @Test
  void aPhoneWithoutAreaCodeIsAskedAgainAndAGoodOneShowsThePickupSummary() {
    Checkout named = Checkout.empty().withDelivery(false).withName("João Pereira");

    TurnContext shortPhone = Turns.typed(at(Step.PHONE, named), "98765-4321");
    assertThat(checkoutAt(20).answer(shortPhone)).isTrue();
    assertThat(Turns.said(shortPhone)).contains("Não entendi o telefone");
    assertThat(shortPhone.state().step()).isEqualTo(Step.PHONE);

    TurnContext phone = Turns.typed(at(Step.PHONE, named), "(21) 99876-5432");
    assertThat(checkoutAt(20).answer(phone)).isTrue();
    assertThat(Turns.said(phone))
        .contains("Retirada no balcão por João Pereira ((21) 99876-5432)", "Total: R$ 49,00");
    assertThat(Turns.offered(phone)).containsExactly("CONFIRM", "CART", "RESTART");
  }

  @Test
  void aConfirmedSummaryGoesOnToPayment() {
    TurnContext turn = Turns.typed(at(Step.CONFIRM, Checkout.empty().withDelivery(false)), "sim");

    assertThat(checkoutAt(20).answer(turn)).isTrue();
    assertThat(Turns.offered(turn)).containsExactly("PAY:PIX", "PAY:CARD", "PAY:CASH");
  }

  @Test
  void checkoutIsRefusedUnderTheMinimumAndWhileClosed() {
    Menu.Item pudim = Turns.MENU.item("pudim").orElseThrow();
    ConversationState small =
        ConversationState.start().withCart(List.of(CartSteps.line(pudim, null, List.of(), 1)));
    TurnContext under = Turns.tapped(small, "CHECKOUT");
    checkoutAt(20).start(under);
    assertThat(Turns.said(under)).contains("O pedido mínimo é R$ 30,00. Faltam R$ 17,10");

    TurnContext closed = Turns.tapped(at(Step.CART, Checkout.empty()), "CHECKOUT");
    checkoutAt(7).start(closed);
    assertThat(Turns.said(closed)).contains("Estamos fechados agora", "das 10:00 às 04:00");
    assertThat(closed.state().step()).isEqualTo(Step.BROWSING);
  }
}
