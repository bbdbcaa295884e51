package com.posmodern.omnichannel.chatbot;

import static com.posmodern.omnichannel.chatbot.Payloads.ADDON;
import static com.posmodern.omnichannel.chatbot.Payloads.CATEGORY;
import static com.posmodern.omnichannel.chatbot.Payloads.ITEM;
import static com.posmodern.omnichannel.chatbot.Payloads.QUANTITY;
import static com.posmodern.omnichannel.chatbot.Payloads.VARIANT;

import com.posmodern.omnichannel.canonical.reply.Card;
import com.posmodern.omnichannel.canonical.reply.CardsPart;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ImagePart;
import com.posmodern.omnichannel.chatbot.ConversationState.PendingItem;
import com.posmodern.omnichannel.chatbot.ConversationState.PendingQuestion;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.marketing.MarketingEvent.Item;
import com.posmodern.omnichannel.pos.catalog.Menu;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Browsing the menu and choosing an item: a category (cards where the channel has them, a priced
 * list otherwise), then the item's size, add-ons and quantity, then into the cart. Answers the
 * {@code CHOOSING_*} steps, and asks the clarifications a typed order left ("which pizza?").
 */
final class MenuSteps implements StepHandler {

  private final Prompts prompts;
  private final CartSteps cart;

  MenuSteps(Prompts prompts, CartSteps cart) {
    this.prompts = prompts;
    this.cart = cart;
  }

  @Override
  public Set<Step> steps() {
    return Set.of(
        Step.CHOOSING_ITEM, Step.CHOOSING_VARIANT, Step.CHOOSING_ADDONS, Step.CHOOSING_QUANTITY);
  }

  @Override
  public boolean answer(TurnContext turn) {
    String input = turn.input();
    ConversationState state = turn.state();
    PendingItem pending = state.pending();
    switch (state.step()) {
      case CHOOSING_ITEM -> {
        if (!input.startsWith(ITEM)) {
          return false;
        }
        PendingQuestion question = state.questions().isEmpty() ? null : state.questions().get(0);
        turn.state(
            state.withQuestions(
                state.questions().isEmpty()
                    ? List.of()
                    : state.questions().subList(1, state.questions().size())));
        chooseItem(
            turn,
            input.substring(ITEM.length()),
            question == null ? 0 : question.quantity(),
            question == null ? List.of() : question.addonIds());
        return true;
      }
      case CHOOSING_VARIANT -> {
        if (pending != null && !turn.isPayload()) {
          return sizeTypedWithMore(turn, pending);
        }
        if (!input.startsWith(VARIANT) || pending == null) {
          return false;
        }
        turn.state(
            state.withPending(
                new PendingItem(
                    pending.itemId(),
                    input.substring(VARIANT.length()),
                    pending.addonIds(),
                    pending.quantity())));
        continueItem(turn);
        return true;
      }
      case CHOOSING_ADDONS -> {
        if (pending == null) {
          return false;
        }
        if (input.startsWith(ADDON)) {
          List<String> addons = new ArrayList<>(pending.addonIds());
          String addon = input.substring(ADDON.length());
          if (!addons.remove(addon)) {
            addons.add(addon);
          }
          turn.state(
              state.withPending(
                  new PendingItem(
                      pending.itemId(), pending.variantId(), addons, pending.quantity())));
          askAddons(turn);
          return true;
        }
        if (input.equals("ADDONS_DONE")) {
          turn.state(
              state.withPending(
                  new PendingItem(
                      pending.itemId(),
                      pending.variantId(),
                      pending.addonIds(),
                      Math.max(pending.quantity(), 0))));
          askQuantityOrAdd(turn);
          return true;
        }
        return false;
      }
      case CHOOSING_QUANTITY -> {
        Integer quantity =
            input.startsWith(QUANTITY)
                ? Integer.valueOf(input.substring(QUANTITY.length()))
                : turn.typedNumber();
        if (quantity == null || quantity < 1 || quantity > 50 || pending == null) {
          return false;
        }
        turn.state(
            state.withPending(
                new PendingItem(
                    pending.itemId(), pending.variantId(), pending.addonIds(), quantity)));
        addPendingToCart(turn);
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /**
   * A category, by id (and page, {@code pizzas:2}): a carousel of its items where the channel has
   * one (paged), a priced list otherwise.
   */
  void showCategory(TurnContext turn, String reference) {
    String[] parts = reference.split(":");
    int page = parts.length > 1 && parts[1].matches("\\d{1,3}") ? Integer.parseInt(parts[1]) : 1;
    Optional<Menu.Category> found = turn.menu().category(parts[0]);
    if (found.isEmpty()) {
      turn.say(turn.texts().get("category.unknown"));
      prompts.offerCategories(turn, "categories.question");
      return;
    }
    Menu.Category category = found.get();
    turn.signal(
        ConversationMoment.CATEGORY_VIEWED,
        new EventData(
            null,
            null,
            category.items().stream()
                .filter(Menu.Item::available)
                .map(i -> new Item(i.id(), i.name(), 1, i.fromPriceCents()))
                .toList(),
            category.name(),
            null,
            null));
    if (turn.capabilities().maxCards() > 0) {
      showCategoryAsCards(turn, category, page);
      return;
    }
    Texts texts = turn.texts();
    StringBuilder listing =
        new StringBuilder(texts.get("category.header", category.name(), category.description()));
    List<Choice> choices = new ArrayList<>();
    for (Menu.Item item : category.items()) {
      String line;
      if (!item.available()) {
        line = texts.get("category.item.unavailable", item.name());
      } else {
        line = priceLine(texts, item);
        choices.add(new Choice(ITEM + item.id(), item.name()));
      }
      listing.append("\n• ").append(line);
    }
    turn.say(listing.toString());
    choices.add(new Choice("MENU", texts.get("choice.other.categories")));
    turn.ask(Step.BROWSING, texts.get("category.pick"), choices);
    turn.state(turn.state().browsing(category.id(), turn.state().offeredChoices()));
  }

  private void showCategoryAsCards(TurnContext turn, Menu.Category category, int page) {
    Texts texts = turn.texts();
    List<Menu.Item> available = category.items().stream().filter(Menu.Item::available).toList();
    int perPage = turn.capabilities().maxCards();
    int pages = Math.max(1, (available.size() + perPage - 1) / perPage);
    int current = Math.min(Math.max(page, 1), pages);
    List<Card> cards = new ArrayList<>();
    for (Menu.Item item :
        available.subList((current - 1) * perPage, Math.min(available.size(), current * perPage))) {
      cards.add(
          new Card(
              item.name(),
              cardPrice(texts, item) + " · " + item.description(),
              item.imageUrl(),
              List.of(new Choice(ITEM + item.id(), texts.get("choice.pick.item")))));
    }
    List<Choice> after = new ArrayList<>();
    if (current < pages) {
      after.add(
          new Choice(CATEGORY + category.id() + ":" + (current + 1), texts.get("choice.more")));
    }
    after.add(new Choice("MENU", texts.get("choice.other.categories")));
    if (current == 1) {
      turn.say(texts.get("category.header", category.name(), category.description()));
    }
    turn.add(new CardsPart(cards, after));
    List<String> offered = new ArrayList<>();
    cards.forEach(card -> card.buttons().forEach(button -> offered.add(button.payload())));
    after.forEach(choice -> offered.add(choice.payload()));
    turn.state(turn.state().browsing(category.id(), offered));
  }

  /** A card's price line: the card's title already names the item. */
  private static String cardPrice(Texts texts, Menu.Item item) {
    return item.variants().size() > 1
        ? texts.get("card.price.from", texts.price(item.fromPriceCents()))
        : texts.price(item.fromPriceCents());
  }

  /**
   * Add-on names as short button labels that stay distinct: the words every add-on of a family
   * shares after its first are left out ("Borda recheada de Catupiry", "Borda recheada de cheddar"
   * → "Borda Catupiry", "Borda cheddar"), since buttons are cut at about 20 characters.
   */
  static Map<String, String> addonLabels(List<Menu.Addon> addons) {
    Map<String, String> labels = new java.util.LinkedHashMap<>();
    for (Menu.Addon addon : addons) {
      String[] words = addon.name().split(" ");
      int shared = 0;
      for (Menu.Addon other : addons) {
        if (other == addon) {
          continue;
        }
        String[] others = other.name().split(" ");
        int common = 0;
        while (common < Math.min(words.length, others.length) - 1
            && words[common].equalsIgnoreCase(others[common])) {
          common++;
        }
        shared = Math.max(shared, common);
      }
      labels.put(
          addon.id(),
          shared <= 1
              ? addon.name()
              : words[0]
                  + " "
                  + String.join(" ", java.util.Arrays.copyOfRange(words, shared, words.length)));
    }
    return labels;
  }

  private static String priceLine(Texts texts, Menu.Item item) {
    return texts.get(
        item.variants().size() > 1 ? "category.item.from" : "category.item",
        item.name(),
        texts.price(item.fromPriceCents()));
  }

  /** The category a typed word names ("pizzas", "pizza"), if any. */
  static Optional<Menu.Category> categoryNamed(Menu menu, String normalized) {
    return menu.categories().stream()
        .filter(
            c ->
                TextMatching.normalize(c.name()).equals(normalized)
                    || TextMatching.singular(TextMatching.normalize(c.name()))
                        .equals(TextMatching.singular(normalized)))
        .findFirst();
  }

  /**
   * Starts choosing an item: what is already known (a quantity, add-ons from a typed order) is
   * kept, the rest is asked.
   */
  void chooseItem(TurnContext turn, String itemId, int quantity, List<String> addonIds) {
    Optional<Menu.Item> found = turn.menu().item(itemId);
    if (found.isEmpty()) {
      turn.say(turn.texts().get("item.unknown"));
      prompts.offerCategories(turn, "categories.question");
      return;
    }
    Menu.Item item = found.get();
    if (!item.available()) {
      turn.say(turn.texts().get("item.unavailable", item.name()));
      prompts.offerCategories(turn, "categories.question");
      return;
    }
    turn.signal(
        ConversationMoment.ITEM_VIEWED,
        new EventData(
            item.fromPriceCents(),
            "BRL",
            List.of(new Item(item.id(), item.name(), 1, item.fromPriceCents())),
            null,
            null,
            null));
    String variant = item.variants().size() == 1 ? item.variants().get(0).id() : null;
    turn.state(turn.state().withPending(new PendingItem(item.id(), variant, addonIds, quantity)));
    if (turn.capabilities().images() && item.imageUrl() != null && quantity == 0) {
      turn.add(new ImagePart(item.imageUrl(), item.name() + " — " + item.description()));
    }
    continueItem(turn);
  }

  /**
   * A size typed with more than its name ("grande com borda de catupiry", "2 médias"): read as an
   * order of the item asked about; false when it names no size of it.
   */
  private boolean sizeTypedWithMore(TurnContext turn, PendingItem pending) {
    Menu.Item item = turn.menu().item(pending.itemId()).orElse(null);
    if (item == null || turn.input().strip().endsWith("?")) {
      return false; // "qual a diferença entre média e grande?" is not a size
    }
    // Read as "<quantity> <item> <what was typed>": "2 grandes" → "2 Pizza de Calabresa grandes".
    String[] typed = turn.normalized().split(" ", 2);
    boolean quantityTyped =
        typed.length == 2
            && !typed[0].startsWith("a")
            && OrderTextParser.quantity(typed[0]) != null;
    OrderTextParser.Reading reading =
        OrderTextParser.read(
            quantityTyped
                ? typed[0] + " " + item.name() + " " + typed[1]
                : item.name() + " " + turn.input(),
            turn.menu());
    if (reading.requests().size() != 1
        || !reading.questions().isEmpty()
        || !reading.unknown().isEmpty()
        || !reading.requests().get(0).item().id().equals(item.id())
        || reading.requests().get(0).variant() == null) {
      return false;
    }
    OrderTextParser.Request request = reading.requests().get(0);
    List<String> addons = new ArrayList<>(pending.addonIds());
    request.addons().stream()
        .map(Menu.Addon::id)
        .filter(id -> !addons.contains(id))
        .forEach(addons::add);
    turn.state(
        turn.state()
            .withPending(
                new PendingItem(
                    item.id(),
                    request.variant().id(),
                    addons,
                    quantityTyped ? request.quantity() : pending.quantity())));
    continueItem(turn);
    return true;
  }

  @Override
  public boolean askAgain(TurnContext turn) {
    if (turn.state().pending() == null || turn.state().step() == Step.CHOOSING_ITEM) {
      return false;
    }
    switch (turn.state().step()) {
      case CHOOSING_ADDONS -> askAddons(turn);
      case CHOOSING_QUANTITY -> askQuantityOrAdd(turn);
      default -> continueItem(turn);
    }
    return true;
  }

  /** Asks the first pending clarification of a typed order; false when there is none. */
  boolean nextQuestion(TurnContext turn) {
    ConversationState state = turn.state();
    if (state.questions().isEmpty()) {
      return false;
    }
    PendingQuestion question = state.questions().get(0);
    if (question.itemIds().size() == 1) {
      turn.state(state.withQuestions(state.questions().subList(1, state.questions().size())));
      chooseItem(turn, question.itemIds().get(0), question.quantity(), question.addonIds());
      return true;
    }
    List<Choice> choices =
        question.itemIds().stream()
            .map(id -> turn.menu().item(id).orElse(null))
            .filter(item -> item != null)
            .limit(Math.max(turn.capabilities().maxQuickReplies(), 10))
            .map(item -> new Choice(ITEM + item.id(), item.name()))
            .toList();
    turn.ask(Step.CHOOSING_ITEM, turn.texts().get("item.which"), choices);
    return true;
  }

  /** Asks what is still missing for the pending item, or adds it. */
  private void continueItem(TurnContext turn) {
    PendingItem pending = turn.state().pending();
    Menu.Item item = turn.menu().item(pending.itemId()).orElseThrow();
    Texts texts = turn.texts();
    if (pending.variantId() == null && !item.variants().isEmpty()) {
      List<Choice> choices =
          item.variants().stream()
              .map(v -> new Choice(VARIANT + v.id(), v.name() + " " + texts.price(v.priceCents())))
              .toList();
      turn.ask(Step.CHOOSING_VARIANT, texts.get("item.variant.question", item.name()), choices);
      return;
    }
    if (!item.addons().isEmpty()
        && pending.quantity() == 0
        && turn.state().step() != Step.CHOOSING_ADDONS) {
      askAddons(turn);
      return;
    }
    askQuantityOrAdd(turn);
  }

  private void askAddons(TurnContext turn) {
    PendingItem pending = turn.state().pending();
    Menu.Item item = turn.menu().item(pending.itemId()).orElseThrow();
    Texts texts = turn.texts();
    List<Choice> choices = new ArrayList<>();
    choices.add(
        new Choice(
            "ADDONS_DONE",
            texts.get(pending.addonIds().isEmpty() ? "choice.no.addons" : "choice.addons.done")));
    Map<String, String> labels = addonLabels(item.addons());
    for (Menu.Addon addon : item.addons()) {
      String mark = pending.addonIds().contains(addon.id()) ? "✓ " : "+ ";
      choices.add(
          new Choice(
              ADDON + addon.id(),
              mark + labels.get(addon.id()) + " " + texts.price(addon.priceCents())));
    }
    turn.ask(Step.CHOOSING_ADDONS, texts.get("item.addons.question", item.name()), choices);
  }

  private void askQuantityOrAdd(TurnContext turn) {
    PendingItem pending = turn.state().pending();
    if (pending.quantity() > 0) {
      addPendingToCart(turn);
      return;
    }
    Menu.Item item = turn.menu().item(pending.itemId()).orElseThrow();
    List<Choice> choices =
        IntStream.rangeClosed(1, 5)
            .mapToObj(n -> new Choice(QUANTITY + n, Integer.toString(n)))
            .toList();
    turn.ask(
        Step.CHOOSING_QUANTITY, turn.texts().get("item.quantity.question", item.name()), choices);
  }

  private void addPendingToCart(TurnContext turn) {
    PendingItem pending = turn.state().pending();
    Menu.Item item = turn.menu().item(pending.itemId()).orElseThrow();
    Menu.Variant variant =
        pending.variantId() == null ? null : item.variant(pending.variantId()).orElse(null);
    List<Menu.Addon> addons =
        pending.addonIds().stream()
            .map(id -> item.addon(id).orElse(null))
            .filter(a -> a != null)
            .toList();
    CartLine line = CartSteps.line(item, variant, addons, pending.quantity());
    cart.add(turn, line);
    turn.state(turn.state().withPending(null));
    Texts texts = turn.texts();
    turn.say(
        texts.get(
            "cart.added",
            line.quantity(),
            line.description(),
            texts.price(line.totalCents()),
            texts.price(turn.state().subtotalCents())));
    if (!nextQuestion(turn)) {
      cart.offerAfterAdding(turn);
    }
  }
}
