package com.posmodern.omnichannel.chatbot;

import static com.posmodern.omnichannel.chatbot.Payloads.ITEM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.posmodern.omnichannel.canonical.MessageKind;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.chatbot.ConversationModel.ToolCall;
import com.posmodern.omnichannel.chatbot.ConversationState.PendingQuestion;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.pos.catalog.Menu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Typed text the deterministic reader could not read whole, given to the {@link ConversationModel}:
 * the model only calls the conversation's tools, and every call is checked against the catalog and
 * the step before anything changes. Prices, totals and availability come from the menu, never from
 * the model's text. One refused call refuses the whole answer, and the deterministic flow answers
 * instead.
 */
final class AiTurns {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the cart may change: not while checking out, paying, rating or deciding consent. */
  private static final Set<Step> CART_STEPS =
      Set.of(
          Step.BROWSING,
          Step.CART,
          Step.EDITING_LINE,
          Step.CHOOSING_ITEM,
          Step.CHOOSING_VARIANT,
          Step.CHOOSING_ADDONS,
          Step.CHOOSING_QUANTITY,
          Step.ORDERED);

  /**
   * Model text never carries a price, a percentage or a link: those come from the app (a model that
   * writes "100% de desconto" or "R$ 1,00" is refused).
   */
  private static final Pattern NOT_IN_MODEL_TEXT =
      Pattern.compile(
          "(?i)R\\$|US\\$|€|\\$\\s*\\d|\\d+[.,]\\d{2}\\b|\\breais\\b|%|https?://|www\\.|\\bdesconto\\b|\\bdiscount\\b|\\bgr[aá]tis\\b|\\bfree\\b|\\bcupom\\b|\\bcoupon\\b");

  private static final int MAX_TEXT = 500;

  private final ConversationModel model;
  private final MenuSteps menu;
  private final CartSteps cart;
  private final Prompts prompts;
  private final HandOver handOver;
  private final RestaurantHours hours;

  AiTurns(
      ConversationModel model,
      MenuSteps menu,
      CartSteps cart,
      Prompts prompts,
      HandOver handOver,
      RestaurantHours hours) {
    this.model = model;
    this.menu = menu;
    this.cart = cart;
    this.prompts = prompts;
    this.handOver = handOver;
    this.hours = hours;
  }

  /** Whether a model is configured at all (AI off: never asked). */
  boolean on() {
    return model != ConversationModel.OFF;
  }

  /**
   * Answers through the model when it is available and the text is typed; false (nothing changed,
   * nothing said) when it is not, or when its answer was refused.
   */
  boolean answered(TurnContext turn, StepHandler waiting) {
    if (turn.isPayload()
        || turn.message().kind() != MessageKind.TEXT
        || turn.input().isBlank()
        || !model.available()) {
      return false;
    }
    Optional<List<ToolCall>> calls =
        model.toolCalls(
            new ConversationModel.Request(
                turn.texts().locale().toLanguageTag(), context(turn), turn.input()));
    if (calls.isEmpty() || calls.get().isEmpty()) {
      return false;
    }
    List<Consumer<TurnContext>> actions = new ArrayList<>();
    for (ToolCall call : calls.get()) {
      Optional<Consumer<TurnContext>> action = validated(turn, call);
      if (action.isEmpty()) {
        model.refused(call.name());
        return false;
      }
      actions.add(action.get());
    }
    Step before = turn.state().step();
    List<CartLine> cartBefore = turn.state().cart();
    actions.forEach(action -> action.accept(turn));
    if (!turn.asked() && !turn.state().cart().equals(cartBefore)) {
      cart.show(turn); // after a removal (or a swap), the cart once, as it now is
    }
    if (!turn.asked() && turn.state().step() != Step.HUMAN) {
      // Answered in between: the question the conversation waited on is asked again.
      if (turn.state().step() != before || waiting == null || !waiting.askAgain(turn)) {
        prompts.offerMenu(turn, "help.question");
      }
    }
    turn.state(turn.state().understood());
    return true;
  }

  /** The action a tool call stands for, when the call is valid here; empty otherwise. */
  private Optional<Consumer<TurnContext>> validated(TurnContext turn, ToolCall call) {
    JsonNode input = call.input() == null ? JSON.createObjectNode() : call.input();
    Menu catalog = turn.menu();
    boolean cartStep = CART_STEPS.contains(turn.state().step());
    switch (call.name()) {
      case "add_to_cart" -> {
        if (!cartStep || !input.path("items").isArray() || input.path("items").isEmpty()) {
          return Optional.empty();
        }
        List<Addition> additions = new ArrayList<>();
        for (JsonNode line : input.path("items")) {
          Optional<Addition> addition = addition(catalog, line);
          if (addition.isEmpty()) {
            return Optional.empty();
          }
          additions.add(addition.get());
        }
        return Optional.of(t -> add(t, additions));
      }
      case "remove_from_cart" -> {
        Menu.Item item = catalog.item(input.path("item_id").asText("")).orElse(null);
        String variantId = text(input, "variant_id");
        Integer quantity = input.hasNonNull("quantity") ? input.path("quantity").asInt() : null;
        if (!cartStep
            || item == null
            || (variantId != null && item.variant(variantId).isEmpty())
            || (quantity != null && (quantity < 1 || quantity > 50))
            || turn.state().cart().stream().noneMatch(l -> l.itemId().equals(item.id()))) {
          return Optional.empty();
        }
        return Optional.of(t -> cart.remove(t, item.id(), variantId, quantity, false));
      }
      case "answer", "ask_back" -> {
        String text = text(input, call.name().equals("answer") ? "text" : "question");
        if (!readable(text)) {
          return Optional.empty();
        }
        List<Menu.Item> items = new ArrayList<>();
        for (JsonNode id : input.path("item_ids")) {
          Optional<Menu.Item> item = catalog.item(id.asText());
          if (item.isEmpty()) {
            return Optional.empty();
          }
          items.add(item.get());
        }
        if (call.name().equals("ask_back")) {
          // The model's question is what the customer answers next: nothing else is asked after it.
          return Optional.of(t -> t.ask(t.state().step(), text, List.of()));
        }
        return Optional.of(t -> say(t, text, items));
      }
      case "show_menu" -> {
        String category = text(input, "category_id");
        if (category != null && catalog.category(category).isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(
            t -> {
              if (category == null) {
                prompts.offerCategories(t, "categories.question");
              } else {
                menu.showCategory(t, category);
              }
            });
      }
      case "show_cart" -> {
        return Optional.of(cart::show);
      }
      case "hand_over" -> {
        return Optional.of(t -> handOver.handOver(t, false));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /** A cart line the model asked for, checked against the catalog. */
  private record Addition(
      Menu.Item item, Menu.Variant variant, List<Menu.Addon> addons, int quantity) {}

  private static Optional<Addition> addition(Menu catalog, JsonNode line) {
    Menu.Item item = catalog.item(line.path("item_id").asText("")).orElse(null);
    if (item == null || !item.available()) {
      return Optional.empty();
    }
    int quantity = line.hasNonNull("quantity") ? line.path("quantity").asInt() : 1;
    if (quantity < 1 || quantity > 50) {
      return Optional.empty();
    }
    String variantId = text(line, "variant_id");
    Menu.Variant variant = null;
    if (variantId != null) {
      variant = item.variant(variantId).orElse(null);
      if (variant == null) {
        return Optional.empty();
      }
    } else if (item.variants().size() == 1) {
      variant = item.variants().get(0);
    }
    List<Menu.Addon> addons = new ArrayList<>();
    for (JsonNode id : line.path("addon_ids")) {
      Optional<Menu.Addon> addon = item.addon(id.asText());
      if (addon.isEmpty()) {
        return Optional.empty();
      }
      addons.add(addon.get());
    }
    return Optional.of(new Addition(item, variant, addons, quantity));
  }

  /** Adds what is complete; an item whose size is missing is asked about, as a typed order is. */
  private void add(TurnContext turn, List<Addition> additions) {
    List<CartLine> lines = new ArrayList<>();
    List<PendingQuestion> questions = new ArrayList<>(turn.state().questions());
    for (Addition a : additions) {
      if (a.variant() == null && !a.item().variants().isEmpty()) {
        questions.add(
            new PendingQuestion(
                List.of(a.item().id()),
                a.quantity(),
                a.addons().stream().map(Menu.Addon::id).toList()));
      } else {
        lines.add(CartSteps.line(a.item(), a.variant(), a.addons(), a.quantity()));
      }
    }
    cart.addAll(turn, lines);
    turn.state(turn.state().withQuestions(questions));
    if (!menu.nextQuestion(turn)) {
      cart.offerAfterAdding(turn);
    }
  }

  /** The model's words, then the items it named with the menu's prices, offered to pick. */
  private static void say(TurnContext turn, String text, List<Menu.Item> items) {
    Texts texts = turn.texts();
    StringBuilder said = new StringBuilder(text.strip());
    for (Menu.Item item : items) {
      said.append("\n• ")
          .append(item.name())
          .append(" — ")
          .append(
              item.available()
                  ? item.variants().isEmpty()
                      ? texts.price(item.priceCents())
                      : texts.get("card.price.from", texts.price(item.fromPriceCents()))
                  : texts.get("ai.item.unavailable"));
    }
    // Offered to pick only where the cart may change; while paying, say, the items are only listed.
    if (items.stream().anyMatch(Menu.Item::available) && CART_STEPS.contains(turn.state().step())) {
      turn.say(said.toString());
      List<Choice> choices = new ArrayList<>();
      items.stream()
          .filter(Menu.Item::available)
          .limit(Math.max(1, turn.capabilities().maxQuickReplies() - 1))
          .forEach(item -> choices.add(new Choice(ITEM + item.id(), item.name())));
      choices.add(new Choice("MENU", texts.get("choice.menu")));
      turn.ask(Step.BROWSING, texts.get("ai.items.question"), choices);
    } else {
      turn.say(said.toString());
    }
  }

  private static boolean readable(String text) {
    return text != null
        && !text.isBlank()
        && text.length() <= MAX_TEXT
        && !NOT_IN_MODEL_TEXT.matcher(text).find();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }

  /**
   * What the model is given: the live catalog (ids, names, sizes, add-ons, prices, availability),
   * the hours and delivery zones, the cart and the step. No name, phone or address.
   */
  private String context(TurnContext turn) {
    Menu catalog = turn.menu();
    Texts texts = turn.texts();
    ObjectNode root = JSON.createObjectNode();
    root.put("restaurant", catalog.restaurant().name());
    root.put("open_now", hours.isOpen(turn));
    root.put("hours", catalog.hours().isEmpty() ? "always" : RestaurantHours.hoursText(turn));
    root.put("minimum_order", texts.price(catalog.minimumOrderCents()));
    ArrayNode zones = root.putArray("delivery_zones");
    catalog
        .deliveryZones()
        .forEach(
            z ->
                zones
                    .addObject()
                    .put("name", z.name())
                    .put("fee", texts.price(z.feeCents()))
                    .put("eta_minutes", z.etaMinutes()));
    ArrayNode categories = root.putArray("categories");
    for (Menu.Category category : catalog.categories()) {
      ObjectNode c = categories.addObject().put("id", category.id()).put("name", category.name());
      ArrayNode items = c.putArray("items");
      for (Menu.Item item : category.items()) {
        ObjectNode i =
            items
                .addObject()
                .put("id", item.id())
                .put("name", item.name())
                .put("description", item.description())
                .put("available", item.available());
        if (item.variants().isEmpty()) {
          i.put("price", texts.price(item.priceCents()));
        }
        ArrayNode sizes = i.putArray("sizes");
        item.variants()
            .forEach(
                v ->
                    sizes
                        .addObject()
                        .put("id", v.id())
                        .put("name", v.name())
                        .put("price", texts.price(v.priceCents())));
        ArrayNode addons = i.putArray("addons");
        item.addons()
            .forEach(
                a ->
                    addons
                        .addObject()
                        .put("id", a.id())
                        .put("name", a.name())
                        .put("price", texts.price(a.priceCents())));
      }
    }
    ArrayNode lines = root.putArray("cart");
    for (CartLine line : turn.state().cart()) {
      ObjectNode l =
          lines
              .addObject()
              .put("item_id", line.itemId())
              .put("variant_id", line.variantId())
              .put("quantity", line.quantity())
              .put("description", line.description());
      ArrayNode addons = l.putArray("addon_ids");
      line.addons().forEach(a -> addons.add(a.id()));
    }
    root.put("step", turn.state().step().name());
    return root.toString();
  }
}
