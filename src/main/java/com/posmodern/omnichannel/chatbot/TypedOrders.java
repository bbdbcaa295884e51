package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.MessageKind;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.chatbot.ConversationState.PendingQuestion;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.marketing.MarketingEvent.Item;
import com.posmodern.omnichannel.pos.catalog.Menu;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A typed order ("quero 2 pizzas de calabresa grandes e uma coca") read by {@link OrderTextParser}:
 * what it names fully goes into the cart, what is ambiguous becomes questions asked one by one.
 */
final class TypedOrders {

  private final MenuSteps menu;
  private final CartSteps cart;
  private final Prompts prompts;

  TypedOrders(MenuSteps menu, CartSteps cart, Prompts prompts) {
    this.menu = menu;
    this.cart = cart;
    this.prompts = prompts;
  }

  /** Reads the text as an order; false when it names nothing on the menu. */
  boolean read(TurnContext turn) {
    if (turn.isPayload()
        || turn.message().kind() != MessageKind.TEXT
        || turn.normalized().isEmpty()) {
      return false;
    }
    return read(turn, turn.reading());
  }

  /**
   * Reads part of the message as an order ("…e coloca um x-salada"); false when it names nothing.
   */
  boolean read(TurnContext turn, String text) {
    return read(turn, OrderTextParser.read(text, turn.menu()));
  }

  private boolean read(TurnContext turn, OrderTextParser.Reading reading) {
    if (!reading.understoodAnything()) {
      return !reading.unknown().isEmpty() && asksForSomething(turn) && notOnTheMenu(turn, reading);
    }
    searched(turn, reading);
    Texts texts = turn.texts();
    cart.addAll(
        turn,
        reading.requests().stream()
            .map(r -> CartSteps.line(r.item(), r.variant(), r.addons(), r.quantity()))
            .toList());
    for (Menu.Item item : reading.unavailable()) {
      turn.say(texts.get("item.unavailable", item.name()));
    }
    List<PendingQuestion> questions = new ArrayList<>(turn.state().questions());
    for (OrderTextParser.Unknown unknown : reading.unknown()) {
      // Named back; with the items closest to it asked about after the rest ("quis dizer…?").
      if (unknown.closest().size() == 1) {
        turn.say(
            texts.get("order.unknown.suggest", unknown.typed(), unknown.closest().get(0).name()));
      } else {
        turn.say(texts.get("order.unknown", unknown.typed()));
      }
      if (!unknown.closest().isEmpty()) {
        questions.add(
            new PendingQuestion(
                unknown.closest().stream().map(Menu.Item::id).toList(), 0, List.of()));
      }
    }
    for (String note : reading.notes()) {
      turn.say(texts.get("order.note.unsupported", note));
    }
    for (OrderTextParser.Question question : reading.questions()) {
      questions.add(
          new PendingQuestion(
              question.items().stream().map(Menu.Item::id).toList(),
              question.quantity(),
              question.addons().stream().map(Menu.Addon::id).toList()));
    }
    turn.state(turn.state().withQuestions(questions).understood());
    if (!menu.nextQuestion(turn)) {
      cart.offerAfterAdding(turn);
    }
    return true;
  }

  /**
   * Whether the text reads whole as an order: something on the menu, nothing left unread, and not a
   * question ("tem pizza sem lactose?"). Otherwise the generative model, when there is one, reads
   * it first.
   */
  boolean readsWhole(TurnContext turn) {
    if (turn.isPayload() || turn.message().kind() != MessageKind.TEXT) {
      return true; // nothing typed for a model to read
    }
    if (turn.input().strip().endsWith("?")) {
      return false;
    }
    OrderTextParser.Reading reading = turn.reading();
    // "troca a coca por um guaraná" reads as "which of these?": a model reads it better.
    return reading.understoodAnything()
        && reading.unknown().isEmpty()
        && reading.questions().stream().allMatch(question -> question.items().size() == 1);
  }

  /** The menu items a typed order matched, by their menu names (never the typed text). */
  private static void searched(TurnContext turn, OrderTextParser.Reading reading) {
    List<Menu.Item> found = new ArrayList<>();
    reading.requests().forEach(request -> found.add(request.item()));
    reading.questions().forEach(question -> found.addAll(question.items()));
    found.addAll(reading.unavailable());
    if (found.isEmpty()) {
      return;
    }
    List<Menu.Item> distinct = found.stream().distinct().toList();
    turn.signal(
        ConversationMoment.SEARCHED,
        new EventData(
            null,
            null,
            distinct.stream().map(i -> new Item(i.id(), i.name(), 1, i.fromPriceCents())).toList(),
            null,
            String.join(", ", distinct.stream().map(Menu.Item::name).toList()),
            null));
  }

  /**
   * "Não temos lasanha": nothing asked for is on the menu; the closest items, or the categories.
   */
  private boolean notOnTheMenu(TurnContext turn, OrderTextParser.Reading reading) {
    Texts texts = turn.texts();
    if (reading.unknown().size() == 1 && reading.unknown().get(0).closest().size() == 1) {
      // One close item: "Não encontrei “calabreza com abacaxi” — quis dizer Pizza de Calabresa?"
      OrderTextParser.Unknown unknown = reading.unknown().get(0);
      Menu.Item closest = unknown.closest().get(0);
      turn.state(turn.state().understood());
      turn.ask(
          ConversationState.Step.CHOOSING_ITEM,
          texts.get("order.unknown.suggest", unknown.typed(), closest.name()),
          List.of(
              new Choice(Payloads.ITEM + closest.id(), texts.get("choice.yes.item")),
              new Choice("MENU", texts.get("choice.menu"))));
      return true;
    }
    List<PendingQuestion> questions = new ArrayList<>(turn.state().questions());
    for (OrderTextParser.Unknown unknown : reading.unknown()) {
      turn.say(texts.get("order.unknown", unknown.typed()));
      if (!unknown.closest().isEmpty()) {
        questions.add(
            new PendingQuestion(
                unknown.closest().stream().map(Menu.Item::id).toList(), 0, List.of()));
      }
    }
    turn.state(turn.state().withQuestions(questions).understood());
    if (!menu.nextQuestion(turn)) {
      prompts.offerCategories(turn, "categories.question");
    }
    return true;
  }

  /** Whether the text asks for something: "quero…", "tem…?", a quantity, or a word or three. */
  private static boolean asksForSomething(TurnContext turn) {
    String normalized = turn.normalized();
    if (REQUEST.matcher(normalized).find()) {
      return true;
    }
    String[] words = normalized.split(" ");
    return words.length <= 3
        && Arrays.stream(words).noneMatch(w -> CONSONANT_RUN.matcher(w).find())
        && Arrays.stream(words).anyMatch(TypedOrders::looksLikeAWord);
  }

  /** Not keyboard mashing ("asdfgh", "qwerty"): two vowels, no three consonants in a row. */
  private static boolean looksLikeAWord(String word) {
    long vowels = word.chars().filter(c -> "aeiou".indexOf(c) >= 0).count();
    return vowels >= 2;
  }

  private static final java.util.regex.Pattern CONSONANT_RUN =
      java.util.regex.Pattern.compile("[b-df-hj-np-tv-z]{3}");

  private static final java.util.regex.Pattern REQUEST =
      java.util.regex.Pattern.compile(
          "^(eu )?(quero|queria|gostaria|vou querer|me ve|me manda|manda|tem|voces tem|vcs tem|"
              + "vc tem|teria|um|uma|dois|duas|tres|\\d+|i want|i d like|do you have|a|an|one|two)\\b");
}
