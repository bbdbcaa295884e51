package com.posmodern.omnichannel.chatbot;

import static com.posmodern.omnichannel.chatbot.Payloads.LINE;

import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.chatbot.ConversationState.PendingItem;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.pos.catalog.Menu;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The cart: adding lines (the same choice adds up), showing it, and editing a line's quantity or
 * removing it. Answers the {@code CART} and {@code EDITING_LINE} steps.
 */
final class CartSteps implements StepHandler {

  private final Prompts prompts;

  CartSteps(Prompts prompts) {
    this.prompts = prompts;
  }

  @Override
  public Set<Step> steps() {
    return Set.of(Step.CART, Step.EDITING_LINE);
  }

  @Override
  public boolean answer(TurnContext turn) {
    return turn.state().step() == Step.EDITING_LINE ? editedLine(turn) : cartChoice(turn);
  }

  private boolean cartChoice(TurnContext turn) {
    String input = turn.input();
    if (input.startsWith(LINE)) {
      editLine(turn, Integer.parseInt(input.substring(LINE.length())));
      return true;
    }
    if (input.equals("EDIT_CART")) {
      chooseLineToEdit(turn);
      return true;
    }
    if (input.equals("CLEAR_CART")) {
      clear(turn);
      return true;
    }
    return false;
  }

  /** Empties the cart and offers the menu again. */
  void clear(TurnContext turn) {
    turn.state(turn.state().withCart(List.of()));
    turn.say(turn.texts().get("cart.cleared"));
    prompts.offerCategories(turn, "categories.question");
  }

  /**
   * Takes out of the cart what the customer named ("tira a feijoada", "tira uma coca"): every line
   * of that item (of that size, when named), or as many as the number typed; then shows the cart.
   */
  void removeTyped(TurnContext turn, String named) {
    removeTyped(turn, named, true);
  }

  /**
   * The same; {@code showCart} false when an order follows in the same message ("tira o beirute e
   * coloca um x-salada"), whose reply then says what the cart has.
   */
  void removeTyped(TurnContext turn, String named, boolean showCart) {
    if (turn.state().cart().isEmpty()) {
      show(turn);
      return;
    }
    OrderTextParser.Reading reading = OrderTextParser.read(named, turn.menu());
    List<String[]> targets = new ArrayList<>();
    reading
        .requests()
        .forEach(
            r ->
                targets.add(
                    new String[] {r.item().id(), r.variant() == null ? null : r.variant().id()}));
    reading
        .questions()
        .forEach(q -> q.items().forEach(i -> targets.add(new String[] {i.id(), null})));
    reading.unavailable().forEach(i -> targets.add(new String[] {i.id(), null}));
    if (targets.isEmpty()) {
      // "desisti da bebida", "tira as sobremesas": every line of that category
      MenuSteps.categoryNamed(turn.menu(), GlobalIntents.withoutAskingWords(named))
          .ifPresent(c -> c.items().forEach(i -> targets.add(new String[] {i.id(), null})));
    }
    Integer count = typedCount(named.split(" ")[0]);
    // "tira uma pizza" takes one pizza in all, not one of each kind.
    int[] left = {count == null ? Integer.MAX_VALUE : count};
    List<String> removed = new ArrayList<>();
    for (String[] target : targets) {
      removed.addAll(take(turn, target[0], target[1], left));
    }
    if (removed.isEmpty()) {
      turn.say(turn.texts().get("cart.remove.none", named));
    } else {
      turn.say(turn.texts().get("cart.removed", String.join(", ", removed)));
    }
    if (showCart) {
      show(turn);
    }
  }

  /**
   * Takes an item (of one size, when given) out of the cart: every line of it, or {@code count} of
   * them; says what was taken and, unless more follows, shows the cart.
   */
  void remove(TurnContext turn, String itemId, String variantId, Integer count, boolean showCart) {
    List<String> removed =
        take(turn, itemId, variantId, new int[] {count == null ? Integer.MAX_VALUE : count});
    if (!removed.isEmpty()) {
      turn.say(turn.texts().get("cart.removed", String.join(", ", removed)));
    }
    if (showCart) {
      show(turn);
    }
  }

  /**
   * Takes the lines out, the last first, at most {@code left[0]} (lowered by what it takes); what
   * was taken, as "1x Coca-Cola (Lata)".
   */
  private static List<String> take(TurnContext turn, String itemId, String variantId, int[] left) {
    List<CartLine> cart = new ArrayList<>(turn.state().cart());
    List<String> removed = new ArrayList<>();
    for (int i = cart.size() - 1; i >= 0 && left[0] > 0; i--) {
      CartLine line = cart.get(i);
      if (!line.itemId().equals(itemId)
          || (variantId != null && !variantId.equals(line.variantId()))) {
        continue;
      }
      int taken = Math.min(left[0], line.quantity());
      left[0] -= taken;
      if (taken == line.quantity()) {
        cart.remove(i);
      } else {
        cart.set(i, line.withQuantity(line.quantity() - taken));
      }
      removed.add(0, taken + "x " + line.description());
    }
    turn.state(turn.state().withCart(cart).understood());
    return removed;
  }

  /** A number typed before the item ("2", "duas", "uma"), not an article ("a"); null if none. */
  private static Integer typedCount(String word) {
    if (word.matches("\\d{1,2}")) {
      return Integer.valueOf(word);
    }
    return word.equals("a") || word.equals("an") ? null : OrderTextParser.NUMBER_WORDS.get(word);
  }

  /** A cart line for a menu item, its size and add-ons, priced from the menu. */
  static CartLine line(
      Menu.Item item, Menu.Variant variant, List<Menu.Addon> addons, int quantity) {
    long unit =
        (variant == null ? item.priceCents() : variant.priceCents())
            + addons.stream().mapToLong(Menu.Addon::priceCents).sum();
    return new CartLine(
        item.id(),
        item.name(),
        variant == null ? null : variant.id(),
        variant == null ? null : variant.name(),
        addons.stream().map(a -> new CartLine.CartAddon(a.id(), a.name(), a.priceCents())).toList(),
        quantity,
        unit);
  }

  /** Adds a line, or adds its quantity to the line of the same choice. */
  void add(TurnContext turn, CartLine line) {
    turn.signal(
        ConversationMoment.ITEM_ADDED,
        new EventData(
            line.totalCents(), "BRL", List.of(ConversationSignals.item(line)), null, null, null));
    List<CartLine> cart = new ArrayList<>(turn.state().cart());
    for (int i = 0; i < cart.size(); i++) {
      if (cart.get(i).sameChoiceAs(line)) {
        cart.set(i, cart.get(i).withQuantity(cart.get(i).quantity() + line.quantity()));
        turn.state(turn.state().withCart(cart));
        return;
      }
    }
    cart.add(line);
    turn.state(turn.state().withCart(cart));
  }

  /** Adds the lines and says what was added, one line each ("1x Guaraná Antarctica — R$ 6,50"). */
  void addAll(TurnContext turn, List<CartLine> lines) {
    if (lines.isEmpty()) {
      return;
    }
    Texts texts = turn.texts();
    List<String> added = new ArrayList<>();
    for (CartLine line : lines) {
      add(turn, line);
      added.add(
          texts.get(
              "cart.line", line.quantity(), line.description(), texts.price(line.totalCents())));
    }
    turn.say(texts.get("cart.added.many", String.join("\n", added)));
  }

  /** What to do after adding: check out, keep shopping, or see the cart. */
  void offerAfterAdding(TurnContext turn) {
    Texts texts = turn.texts();
    turn.ask(
        Step.CART,
        texts.get("cart.next.question"),
        List.of(
            new Choice("CHECKOUT", texts.get("choice.checkout")),
            new Choice("MENU", texts.get("choice.keep.shopping")),
            new Choice("CART", texts.get("choice.cart"))));
  }

  void show(TurnContext turn) {
    Texts texts = turn.texts();
    if (turn.state().cart().isEmpty()) {
      turn.say(texts.get("cart.empty"));
      prompts.offerCategories(turn, "categories.question");
      return;
    }
    turn.say(texts.get("cart.review", lines(turn), texts.price(turn.state().subtotalCents())));
    turn.ask(
        Step.CART,
        texts.get("cart.review.question"),
        List.of(
            new Choice("CHECKOUT", texts.get("choice.checkout")),
            new Choice("MENU", texts.get("choice.keep.shopping")),
            new Choice("EDIT_CART", texts.get("choice.edit.cart")),
            new Choice("CLEAR_CART", texts.get("choice.clear.cart"))));
  }

  /** The cart's lines, numbered, one per line of text. */
  static String lines(TurnContext turn) {
    Texts texts = turn.texts();
    List<CartLine> cart = turn.state().cart();
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < cart.size(); i++) {
      CartLine line = cart.get(i);
      lines
          .append(i == 0 ? "" : "\n")
          // A bullet, not a number: the options offered right after are numbered on some channels.
          .append("• ")
          .append(
              texts.get(
                  "cart.line",
                  line.quantity(),
                  line.description(),
                  texts.price(line.totalCents())));
    }
    return lines.toString();
  }

  private void chooseLineToEdit(TurnContext turn) {
    List<Choice> choices = new ArrayList<>();
    List<CartLine> cart = turn.state().cart();
    for (int i = 0; i < cart.size(); i++) {
      choices.add(new Choice(LINE + i, (i + 1) + ". " + cart.get(i).itemName()));
    }
    turn.ask(Step.CART, turn.texts().get("cart.edit.which"), choices);
  }

  private void editLine(TurnContext turn, int index) {
    if (index < 0 || index >= turn.state().cart().size()) {
      show(turn);
      return;
    }
    Texts texts = turn.texts();
    CartLine line = turn.state().cart().get(index);
    // While a line is edited, the pending item's quantity holds the line's index.
    turn.state(
        turn.state()
            .withPending(new PendingItem(line.itemId(), line.variantId(), List.of(), index)));
    turn.ask(
        Step.EDITING_LINE,
        texts.get("cart.edit.question", line.quantity(), line.description()),
        List.of(
            new Choice("INC", texts.get("choice.more.one")),
            new Choice("DEC", texts.get("choice.less.one")),
            new Choice("REMOVE", texts.get("choice.remove")),
            new Choice("CART", texts.get("choice.cart"))));
  }

  private boolean editedLine(TurnContext turn) {
    if (turn.state().pending() == null) {
      return false;
    }
    int index = turn.state().pending().quantity();
    List<CartLine> cart = new ArrayList<>(turn.state().cart());
    if (index < 0 || index >= cart.size()) {
      return false;
    }
    CartLine line = cart.get(index);
    String input = turn.input();
    String normalized = turn.normalized();
    Integer typed = turn.typedNumber();
    if (input.equals("INC")) {
      cart.set(index, line.withQuantity(line.quantity() + 1));
    } else if (input.equals("DEC") && line.quantity() > 1) {
      cart.set(index, line.withQuantity(line.quantity() - 1));
    } else if (input.equals("REMOVE")
        || input.equals("DEC")
        || normalized.startsWith("remov")
        || normalized.startsWith("tira")) {
      cart.remove(index);
    } else if (typed != null && typed >= 1 && typed <= 50) {
      cart.set(index, line.withQuantity(typed));
    } else {
      return false;
    }
    turn.state(turn.state().withCart(cart).withPending(null));
    show(turn);
    return true;
  }
}
