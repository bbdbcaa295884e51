package com.posmodern.omnichannel.chatbot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.posmodern.omnichannel.pos.catalog.Menu;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrderTextParserTest {

  private static Menu menu;

  @BeforeAll
  static void sampleMenu() throws Exception {
    try (InputStream in = OrderTextParserTest.class.getResourceAsStream("/menu/sample-menu.json")) {
      menu =
          new ObjectMapper()
              .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .readValue(in, Menu.class);
    }
  }

  @Test
  void readsTwoLargeCalabresaPizzasAndAsksWhichCoke() {
    OrderTextParser.Reading reading =
        OrderTextParser.read("quero 2 pizzas de calabresa grandes e uma coca", menu);

    assertThat(reading.requests())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.item().id()).isEqualTo("pizza-calabresa");
              assertThat(request.variant().id()).isEqualTo("grande");
              assertThat(request.quantity()).isEqualTo(2);
            });
    // Coca-Cola comes in a can and a 2 L bottle: asked, never guessed.
    assertThat(reading.questions())
        .singleElement()
        .satisfies(
            question -> {
              assertThat(question.items()).extracting(Menu.Item::id).containsExactly("coca-cola");
              assertThat(question.quantity()).isEqualTo(1);
            });
  }

  @Test
  void forgivesAccentsCaseTyposAndPlurals() {
    OrderTextParser.Reading reading =
        OrderTextParser.read("Queria DUAS Pizzas Margerita médias, 3 guaranás e um pudim", menu);

    assertThat(reading.questions()).isEmpty();
    assertThat(reading.requests())
        .extracting(
            r ->
                r.item().id()
                    + "/"
                    + (r.variant() == null ? "-" : r.variant().id())
                    + "/"
                    + r.quantity())
        .containsExactly("pizza-margherita/media/2", "guarana/-/3", "pudim/-/1");
  }

  @Test
  void asksWhichPizzaWhenOnlyPizzaIsSaid() {
    OrderTextParser.Reading reading = OrderTextParser.read("quero pizza", menu);

    assertThat(reading.requests()).isEmpty();
    assertThat(reading.questions())
        .singleElement()
        .satisfies(
            q ->
                assertThat(q.items())
                    .extracting(Menu.Item::id)
                    .hasSize(4)
                    .allMatch(id -> id.startsWith("pizza-")));
  }

  @Test
  void takesSizesAndAddOnsByTheirWords() {
    OrderTextParser.Reading reading =
        OrderTextParser.read(
            "uma coca de 2 litros e 1 x-bacon com ovo e uma calabresa grande com borda de catupiry",
            menu);

    assertThat(reading.requests())
        .extracting(
            r ->
                r.item().id()
                    + "/"
                    + (r.variant() == null ? "-" : r.variant().id())
                    + "/"
                    + r.addons().stream().map(Menu.Addon::id).toList())
        .containsExactly(
            "coca-cola/2l/[]", "x-bacon/-/[ovo]", "pizza-calabresa/grande/[borda-catupiry]");
  }

  @Test
  void reportsUnavailableItemsAndIgnoresWhatIsNotOnTheMenu() {
    assertThat(OrderTextParser.read("uma moqueca", menu).unavailable())
        .extracting(Menu.Item::id)
        .containsExactly("moqueca");
    assertThat(OrderTextParser.read("qual o horário de vocês?", menu).understoodAnything())
        .isFalse();
    assertThat(OrderTextParser.read("quero um sushi", menu).understoodAnything()).isFalse();
  }
}
