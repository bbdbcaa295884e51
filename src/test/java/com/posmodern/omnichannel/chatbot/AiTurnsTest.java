package com.posmodern.omnichannel.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.chatbot.ConversationModel.ToolCall;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The checks every model answer goes through before anything changes. */
class AiTurnsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

  /** A model that answers with the given calls and remembers what it was asked and refused. */
  private static final class Scripted implements ConversationModel {
    final List<ToolCall> calls;
    final List<Request> asked = new ArrayList<>();
    final List<String> refused = new ArrayList<>();

    Scripted(List<ToolCall> calls) {
      this.calls = calls;
    }

    @Override
    public boolean available() {
      return true;
    }

    @Override
    public Optional<List<ToolCall>> toolCalls(Request request) {
      asked.add(request);
      return Optional.of(calls);
    }

    @Override
    public void refused(String tool) {
      refused.add(tool);
    }
  }

  private static ToolCall call(String name, String input) throws Exception {
    return new ToolCall(name, JSON.readTree(input));
  }

  private static AiTurns ai(ConversationModel model) {
    Prompts prompts = new Prompts();
    CartSteps cart = new CartSteps(prompts);
    Clock at8pm =
        Clock.fixed(LocalDateTime.of(2026, 12, 2, 20, 0).atZone(SAO_PAULO).toInstant(), SAO_PAULO);
    return new AiTurns(
        model,
        new MenuSteps(prompts, cart),
        cart,
        prompts,
        new HandOver(),
        new RestaurantHours(at8pm, prompts));
  }

  @Test
  void validCallsChangeTheCartWithTheMenusPricesAndTheContextHasNoPersonalData() throws Exception {
    Scripted model =
        new Scripted(
            List.of(
                call(
                    "add_to_cart",
                    "{\"items\": [{\"item_id\": \"pizza-calabresa\", \"variant_id\": \"grande\","
                        + " \"addon_ids\": [\"borda-catupiry\"], \"quantity\": 2}]}")));
    TurnContext turn = Turns.typed(ConversationState.start(), "duas calabresas grandes com borda");

    assertThat(ai(model).answered(turn, null)).isTrue();

    assertThat(turn.state().cart())
        .singleElement()
        .satisfies(line -> assertThat(line.totalCents()).isEqualTo(2 * (5490 + 900)));
    String context = model.asked.get(0).context();
    assertThat(context).contains("\"id\":\"pizza-calabresa\"").doesNotContain("Souza");
    assertThat(model.asked.get(0).language()).isEqualTo("pt-BR");
  }

  @Test
  void aSizeLeftOutIsAskedAsForATypedOrder() throws Exception {
    Scripted model =
        new Scripted(
            List.of(
                call(
                    "add_to_cart",
                    "{\"items\": [{\"item_id\": \"coca-cola\", \"quantity\": 2}]}")));
    TurnContext turn = Turns.typed(ConversationState.start(), "duas cocas");

    assertThat(ai(model).answered(turn, null)).isTrue();

    assertThat(turn.state().cart()).isEmpty();
    assertThat(turn.state().step()).isEqualTo(Step.CHOOSING_VARIANT);
  }

  @Test
  void anyInvalidCallRefusesTheWholeAnswerAndChangesNothing() throws Exception {
    String add = "{\"items\": [{\"item_id\": \"feijoada\", \"quantity\": 1}]}";
    List<List<ToolCall>> invalid =
        List.of(
            List.of(
                call("add_to_cart", add),
                call("add_to_cart", "{\"items\": [{\"item_id\": \"lasanha\"}]}")),
            List.of(
                call("add_to_cart", "{\"items\": [{\"item_id\": \"moqueca\", \"quantity\": 1}]}")),
            List.of(
                call("add_to_cart", "{\"items\": [{\"item_id\": \"feijoada\", \"quantity\": 0}]}")),
            List.of(
                call(
                    "add_to_cart",
                    "{\"items\": [{\"item_id\": \"x-bacon\", \"addon_ids\": [\"borda-catupiry\"]}]}")),
            List.of(
                call(
                    "add_to_cart",
                    "{\"items\": [{\"item_id\": \"coca-cola\", \"variant_id\": \"grande\"}]}")),
            List.of(call("answer", "{\"text\": \"Veja em https://example.com\"}")),
            List.of(call("answer", "{\"text\": \"Hoje com 20% off\"}")),
            List.of(call("answer", "{\"text\": \"Temos sim!\", \"item_ids\": [\"pizza-atum\"]}")),
            List.of(call("show_menu", "{\"category_id\": \"massas\"}")),
            List.of(call("remove_from_cart", "{\"item_id\": \"guarana\"}")),
            List.of(call("apply_discount", "{\"percent\": 100}")));
    for (List<ToolCall> calls : invalid) {
      Scripted model = new Scripted(calls);
      ConversationState before =
          ConversationState.start()
              .withCart(
                  List.of(
                      CartSteps.line(
                          Turns.MENU.item("feijoada").orElseThrow(), null, List.of(), 1)));
      TurnContext turn = Turns.typed(before, "algo que o leitor não entende");

      assertThat(ai(model).answered(turn, null)).as(calls.toString()).isFalse();

      assertThat(turn.state()).as(calls.toString()).isEqualTo(before);
      assertThat(Turns.said(turn)).as(calls.toString()).isEmpty();
      assertThat(model.refused).as(calls.toString()).hasSize(1);
    }
  }

  @Test
  void theCartDoesNotChangeWhileCheckingOutButQuestionsAreAnsweredAndTheStepAskedAgain()
      throws Exception {
    ConversationState paying = ConversationState.start().at(Step.PAYMENT, List.of());
    Scripted adding =
        new Scripted(
            List.of(
                call("add_to_cart", "{\"items\": [{\"item_id\": \"pudim\", \"quantity\": 1}]}")));
    assertThat(ai(adding).answered(Turns.typed(paying, "põe um pudim"), null)).isFalse();

    Scripted answering =
        new Scripted(List.of(call("answer", "{\"text\": \"Aceitamos PIX, cartão e dinheiro.\"}")));
    TurnContext turn = Turns.typed(paying, "aceitam vale refeição?");
    StepHandler payment =
        new StepHandler() {
          @Override
          public java.util.Set<Step> steps() {
            return java.util.Set.of(Step.PAYMENT);
          }

          @Override
          public boolean answer(TurnContext t) {
            return false;
          }

          @Override
          public boolean askAgain(TurnContext t) {
            t.ask(Step.PAYMENT, "Como você quer pagar?", List.of());
            return true;
          }
        };
    assertThat(ai(answering).answered(turn, payment)).isTrue();
    assertThat(Turns.said(turn)).contains("Aceitamos PIX").contains("Como você quer pagar?");
  }

  @Test
  void offNeverAsks() {
    assertThat(ai(ConversationModel.OFF).on()).isFalse();
    assertThat(
            ai(ConversationModel.OFF).answered(Turns.typed(ConversationState.start(), "oi?"), null))
        .isFalse();
  }
}
