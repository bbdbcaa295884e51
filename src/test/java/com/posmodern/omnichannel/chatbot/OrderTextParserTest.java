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

  private static String cart(OrderTextParser.Reading reading) {
    return String.join(
        ", ",
        reading.requests().stream()
            .map(
                r ->
                    r.quantity()
                        + " "
                        + r.item().id()
                        + (r.variant() == null ? "" : ":" + r.variant().id())
                        + r.addons().stream().map(a -> "+" + a.id()).reduce("", String::concat))
            .toList());
  }

  @Test
  void readsMoreOfAnItemAfterAVerb() {
    assertThat(cart(OrderTextParser.read("põe mais 2 brigadeiros", menu)))
        .isEqualTo("2 brigadeiro");
    assertThat(cart(OrderTextParser.read("bota uma coca lata", menu)))
        .isEqualTo("1 coca-cola:lata");
    assertThat(cart(OrderTextParser.read("seria uma feijoada e dois guaranás", menu)))
        .isEqualTo("1 feijoada, 2 guarana");
  }

  @Test
  void readsAddOnsByTheirAliases() {
    assertThat(cart(OrderTextParser.read("a x-bacon with egg", menu))).isEqualTo("1 x-bacon+ovo");
    assertThat(cart(OrderTextParser.read("pizza calabresa grande com azeitona", menu)))
        .isEqualTo("1 pizza-calabresa:grande+azeitona-extra");
  }

  @Test
  void offersTheOneCloseItemForAWordItDoesNotHave() {
    OrderTextParser.Reading reading = OrderTextParser.read("uma guarana zero", menu);

    assertThat(reading.requests()).isEmpty();
    assertThat(reading.unknown())
        .singleElement()
        .satisfies(
            unknown -> {
              assertThat(unknown.typed()).isEqualTo("guarana zero");
              assertThat(unknown.closest()).extracting(Menu.Item::id).containsExactly("guarana");
            });
    // A word of the item's description names it: "mussarela" is the Margherita's "muçarela".
    assertThat(cart(OrderTextParser.read("uma mussarela margarita media", menu)))
        .isEqualTo("1 pizza-margherita:media");
    // "x-tudo" is not "tudo bem".
    assertThat(OrderTextParser.read("um x-tudo", menu).unknown()).hasSize(1);
    assertThat(cart(OrderTextParser.read("2 cocas lata, tudo bem?", menu)))
        .isEqualTo("2 coca-cola:lata");
  }
}
