package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.Attachment;
import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.MessageKind;
import com.posmodern.omnichannel.canonical.reply.Card;
import com.posmodern.omnichannel.canonical.reply.CardsPart;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.ImagePart;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import com.posmodern.omnichannel.chatbot.ConversationState.PendingItem;
import com.posmodern.omnichannel.chatbot.ConversationState.PendingQuestion;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.marketing.MarketingEvent.Item;
import com.posmodern.omnichannel.marketing.MarketingSignal;
import com.posmodern.omnichannel.payment.PaymentLink;
import com.posmodern.omnichannel.payment.PaymentUnavailableException;
import com.posmodern.omnichannel.pos.catalog.Menu;
import com.posmodern.omnichannel.pos.orders.Order;
import com.posmodern.omnichannel.pos.orders.OrderStatus;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The ordering conversation, channel-neutral: what to answer to one customer message given where
 * the conversation stands. Browsing, cart (by choosing or by typing an order), checkout, payment,
 * tracking, cancelling, re-ordering, feedback and the hand-over to a person. Replies are reply
 * parts; what the channel can show comes only from its {@link ChannelCapabilities}. Runs inside the
 * chatbot's transaction.
 */
final class ConversationEngine {

  private static final Set<String> GREETINGS =
      Set.of(
          "oi",
          "ola",
          "opa",
          "oie",
          "bom dia",
          "boa tarde",
          "boa noite",
          "hello",
          "hi",
          "hey",
          "e ai",
          "eai");
  private static final Set<String> MENU_WORDS =
      Set.of(
          "menu",
          "cardapio",
          "ver cardapio",
          "o cardapio",
          "categorias",
          "quero ver o cardapio",
          "ver o cardapio");
  private static final Set<String> CART_WORDS =
      Set.of("carrinho", "ver carrinho", "meu carrinho", "meu pedido atual");
  private static final Set<String> CHECKOUT_WORDS =
      Set.of(
          "finalizar",
          "finalizar pedido",
          "fechar pedido",
          "fechar",
          "checkout",
          "so isso",
          "e so isso",
          "pagar");
  private static final Set<String> HELP_WORDS =
      Set.of("ajuda", "help", "socorro", "como funciona", "opcoes");
  private static final Set<String> RESTART_WORDS =
      Set.of("recomecar", "comecar de novo", "reiniciar", "do zero", "limpar tudo", "start over");
  private static final Pattern HUMAN_WORDS =
      Pattern.compile(
          "\\b(atendente|humano|pessoa|falar com alguem|atendimento|gerente|human|agent)\\b");
  private static final Pattern TRACK_WORDS =
      Pattern.compile(
          "(cade|onde esta|status|rastrear|acompanhar|demora|chega|saiu)( o| do)? ?(meu )?pedido|^cade\\b|^status$|where is my order");
  private static final Pattern CANCEL_WORDS =
      Pattern.compile("^(quero )?cancela(r)?( o| meu)? ?pedido|^cancel my order");
  private static final Pattern REORDER_WORDS =
      Pattern.compile(
          "(pedir|peco|quero) (de novo|novamente|o mesmo)|repetir( o)?( ultimo)? pedido|mesmo pedido( de sempre)?|^reorder");

  /** Marketing opt-out at once, whatever the question (LGPD art. 8 §5, revocable at any time). */
  private static final Set<String> OPT_OUT_WORDS = Set.of("sair", "parar", "stop");

  private static final Set<String> OPT_IN_WORDS =
      Set.of("quero promocoes", "receber promocoes", "aceito promocoes", "start");

  private static final Pattern CEP = Pattern.compile("^(\\d{5})-?(\\d{3})$");
  private static final Pattern MONEY = Pattern.compile("(\\d{1,5})(?:[,.](\\d{1,2}))?");

  static final String CATEGORY = "CATEGORY:";
  static final String ITEM = "ITEM:";
  static final String VARIANT = "VARIANT:";
  static final String ADDON = "ADDON:";
  static final String QUANTITY = "QTY:";
  static final String LINE = "LINE:";
  static final String RATE = "RATE:";
  static final String PAY = "PAY:";
  static final String CONSENT_YES = "CONSENT:YES";
  static final String CONSENT_NO = "CONSENT:NO";

  private final ChatbotDependencies deps;
  private final ChannelCapabilities capabilities;
  private final int handoffAfterMisunderstandings;

  ConversationEngine(
      ChatbotDependencies deps,
      ChannelCapabilities capabilities,
      int handoffAfterMisunderstandings) {
    this.deps = deps;
    this.capabilities = capabilities;
    this.handoffAfterMisunderstandings = handoffAfterMisunderstandings;
  }

  /** One customer message in, the conversation's next state and the replies out. */
  Turn converse(Conversation conversation, CanonicalMessage message) {
    return converse(conversation, message, conversation.isNew());
  }

  /**
   * The same, for a turn whose first contact is known otherwise (a burst answered after the
   * conversation was stored).
   */
  Turn converse(Conversation conversation, CanonicalMessage message, boolean firstContact) {
    return new Exchange(conversation, message, firstContact).answer();
  }

  /**
   * The handling of one message: keeps the conversation and the replies while the flows build them.
   */
  private final class Exchange {

    private Conversation conversation;
    private ConversationState state;
    private final CanonicalMessage message;
    private final Menu menu;
    private final Texts texts;
    private final List<ReplyPart> replies = new ArrayList<>();
    private final List<MarketingSignal> signals = new ArrayList<>();
    private final String input;
    private final String normalized;
    private final boolean isPayload;
    private final boolean firstContact;

    Exchange(Conversation conversation, CanonicalMessage message, boolean firstContact) {
      this.firstContact = firstContact;
      this.conversation = conversation;
      this.state = conversation.state();
      this.message = message;
      this.menu = deps.menu().current();
      this.texts = new Texts(deps.texts(), conversation.locale());
      boolean payload = message.payload() != null && !message.payload().isBlank();
      String raw =
          payload ? message.payload() : message.text() == null ? "" : message.text().strip();
      String picked = payload ? null : pickedByNumber(raw);
      this.isPayload = payload || picked != null;
      this.input = picked != null ? picked : raw;
      this.normalized = TextMatching.normalize(input);
    }

    Turn answer() {
      String optOut = optOutWord();
      if (optOut != null) {
        // At once, whatever the conversation is doing (a person answering included).
        optOut("keyword:" + optOut.toUpperCase(Locale.ROOT));
        return done();
      }
      if (state.step() == Step.HUMAN) {
        return done(); // a person is answering: the bot stays silent
      }
      if (firstContact) {
        greet();
        signal(ConversationMoment.CONVERSATION_STARTED, EventData.none());
      }
      if (isStoryMention()) {
        say(texts.get("story.mention.thanks"));
        offerMenu("help.question");
        return done();
      }
      if (!handledAsGlobal() && !handledByStep() && !handledAsTypedOrder()) {
        misunderstood();
      }
      return done();
    }

    // ---- global intents: valid whatever the question was ----

    private boolean handledAsGlobal() {
      if (!isPayload && OPT_IN_WORDS.contains(normalized)) {
        optIn("keyword");
        offerMenu("help.question");
        return true;
      }
      if (state.step().ordinal() >= Step.NAME.ordinal()
          && state.step().ordinal() <= Step.NEIGHBOURHOOD.ordinal()
          && !isPayload) {
        // the customer is typing data (a name, a street): only the strongest words count as
        // commands
        if (!HUMAN_WORDS.matcher(normalized).find()
            && !RESTART_WORDS.contains(normalized)
            && !HELP_WORDS.contains(normalized)) {
          return false;
        }
      }
      if (state.step() == Step.COMMENT && !isPayload) {
        return false;
      }
      if (input.equals("HUMAN") || (!isPayload && HUMAN_WORDS.matcher(normalized).find())) {
        handOver(false);
      } else if (input.equals("HELP") || HELP_WORDS.contains(normalized)) {
        say(texts.get("help"));
        offerMenu("help.question");
      } else if (input.equals("RESTART") || RESTART_WORDS.contains(normalized)) {
        state = ConversationState.start().withOrder(state.orderId());
        say(texts.get("restart.done"));
        offerCategories("categories.question");
      } else if (normalized.equals("english")
          || normalized.equals("ingles")
          || normalized.equals("in english")) {
        switchLanguage(Locale.ENGLISH);
      } else if (normalized.equals("portugues") || normalized.equals("em portugues")) {
        switchLanguage(Locale.forLanguageTag("pt-BR"));
      } else if (input.equals("TRACK") || TRACK_WORDS.matcher(normalized).find()) {
        track();
      } else if (input.equals("CANCEL") || CANCEL_WORDS.matcher(normalized).find()) {
        cancelOrder();
      } else if (input.equals("REORDER") || REORDER_WORDS.matcher(normalized).find()) {
        reorder();
      } else if (input.equals("MENU") || MENU_WORDS.contains(normalized)) {
        offerCategories("categories.question");
      } else if (!isPayload && GREETINGS.contains(normalized)) {
        if (replies.isEmpty()) {
          greet();
        }
        offerCategories("categories.question");
      } else if (input.equals("CART") || CART_WORDS.contains(normalized)) {
        showCart();
      } else if (input.equals("CHECKOUT") || CHECKOUT_WORDS.contains(normalized)) {
        startCheckout();
      } else if (input.startsWith(CATEGORY)) {
        showCategory(input.substring(CATEGORY.length()));
      } else if (input.startsWith(ITEM) && state.step() != Step.CHOOSING_ITEM) {
        chooseItem(input.substring(ITEM.length()), 0, List.of());
      } else if (!isPayload && categoryNamed(normalized).isPresent()) {
        showCategory(categoryNamed(normalized).get().id());
      } else {
        return false;
      }
      return true;
    }

    // ---- answers to the question the bot asked ----

    private boolean handledByStep() {
      switch (state.step()) {
        case CHOOSING_ITEM -> {
          if (input.startsWith(ITEM)) {
            PendingQuestion question =
                state.questions().isEmpty() ? null : state.questions().get(0);
            state =
                state.withQuestions(
                    state.questions().isEmpty()
                        ? List.of()
                        : state.questions().subList(1, state.questions().size()));
            chooseItem(
                input.substring(ITEM.length()),
                question == null ? 0 : question.quantity(),
                question == null ? List.of() : question.addonIds());
            return true;
          }
          return false;
        }
        case CHOOSING_VARIANT -> {
          if (input.startsWith(VARIANT) && state.pending() != null) {
            PendingItem pending = state.pending();
            state =
                state.withPending(
                    new PendingItem(
                        pending.itemId(),
                        input.substring(VARIANT.length()),
                        pending.addonIds(),
                        pending.quantity()));
            continueItem();
            return true;
          }
          return false;
        }
        case CHOOSING_ADDONS -> {
          if (input.startsWith(ADDON) && state.pending() != null) {
            PendingItem pending = state.pending();
            List<String> addons = new ArrayList<>(pending.addonIds());
            String addon = input.substring(ADDON.length());
            if (!addons.remove(addon)) {
              addons.add(addon);
            }
            state =
                state.withPending(
                    new PendingItem(
                        pending.itemId(), pending.variantId(), addons, pending.quantity()));
            askAddons();
            return true;
          }
          if (input.equals("ADDONS_DONE") && state.pending() != null) {
            PendingItem pending = state.pending();
            state =
                state.withPending(
                    new PendingItem(
                        pending.itemId(),
                        pending.variantId(),
                        pending.addonIds(),
                        Math.max(pending.quantity(), 0)));
            askQuantityOrAdd(true);
            return true;
          }
          return false;
        }
        case CHOOSING_QUANTITY -> {
          Integer quantity =
              input.startsWith(QUANTITY)
                  ? Integer.valueOf(input.substring(QUANTITY.length()))
                  : wholeNumber(normalized);
          if (quantity != null && quantity >= 1 && quantity <= 50 && state.pending() != null) {
            PendingItem pending = state.pending();
            state =
                state.withPending(
                    new PendingItem(
                        pending.itemId(), pending.variantId(), pending.addonIds(), quantity));
            addPendingToCart();
            return true;
          }
          return false;
        }
        case CART -> {
          if (input.startsWith(LINE)) {
            editLine(Integer.parseInt(input.substring(LINE.length())));
            return true;
          }
          if (input.equals("EDIT_CART")) {
            chooseLineToEdit();
            return true;
          }
          if (input.equals("CLEAR_CART")) {
            state = state.withCart(List.of());
            say(texts.get("cart.cleared"));
            offerCategories("categories.question");
            return true;
          }
          return false;
        }
        case EDITING_LINE -> {
          return handledLineEdit();
        }
        case FULFILMENT -> {
          if (input.equals("DELIVERY")
              || normalized.contains("entrega")
              || normalized.equals("delivery")) {
            state = state.withCheckout(state.checkout().withDelivery(true));
            askName();
            return true;
          }
          if (input.equals("PICKUP")
              || normalized.contains("retir")
              || normalized.contains("buscar")
              || normalized.contains("balcao")) {
            state = state.withCheckout(state.checkout().withDelivery(false));
            askName();
            return true;
          }
          return false;
        }
        case NAME -> {
          String name = input.equals("USE_NAME") ? conversation.customerName() : input.strip();
          if (name == null || name.length() < 2 || name.length() > 80) {
            say(texts.get("checkout.name.invalid"));
            return true;
          }
          state = state.withCheckout(state.checkout().withName(name));
          askPhone();
          return true;
        }
        case PHONE -> {
          String digits = input.replaceAll("\\D", "");
          if (digits.startsWith("55") && digits.length() >= 12) {
            digits = digits.substring(2);
          }
          if (digits.length() < 10 || digits.length() > 11) {
            say(texts.get("checkout.phone.invalid"));
            return true;
          }
          state = state.withCheckout(state.checkout().withPhone("+55" + digits));
          askAddressOrConfirm();
          return true;
        }
        case CEP -> {
          Matcher cep = CEP.matcher(input.replaceAll("[\\s.]", ""));
          if (!cep.matches()) {
            say(texts.get("checkout.cep.invalid"));
            return true;
          }
          String digits = cep.group(1) + cep.group(2);
          Optional<Menu.DeliveryZone> zone = menu.zoneFor(digits);
          if (zone.isEmpty()) {
            say(
                texts.get(
                    "checkout.cep.outside", digits.substring(0, 5) + "-" + digits.substring(5)));
            ask(
                Step.FULFILMENT,
                texts.get("checkout.cep.outside.question"),
                List.of(
                    new Choice("PICKUP", texts.get("choice.pickup")),
                    new Choice("RESTART", texts.get("choice.restart"))));
            return true;
          }
          Menu.DeliveryZone z = zone.get();
          state =
              state.withCheckout(
                  state.checkout().withCep(digits, z.id(), z.feeCents(), z.etaMinutes()));
          say(texts.get("checkout.cep.zone", z.name(), texts.price(z.feeCents()), z.etaMinutes()));
          ask(Step.STREET, texts.get("checkout.street.question"), List.of());
          return true;
        }
        case STREET -> {
          if (input.length() < 3) {
            say(texts.get("checkout.street.question"));
            return true;
          }
          state = state.withCheckout(state.checkout().withStreet(input.strip()));
          ask(Step.NUMBER, texts.get("checkout.number.question"), List.of());
          return true;
        }
        case NUMBER -> {
          if (input.isBlank() || input.length() > 20) {
            say(texts.get("checkout.number.question"));
            return true;
          }
          state = state.withCheckout(state.checkout().withNumber(input.strip()));
          ask(
              Step.COMPLEMENT,
              texts.get("checkout.complement.question"),
              List.of(new Choice("NO_COMPLEMENT", texts.get("choice.no.complement"))));
          return true;
        }
        case COMPLEMENT -> {
          boolean none =
              input.equals("NO_COMPLEMENT")
                  || Set.of("nao", "sem", "sem complemento", "nenhum", "n").contains(normalized);
          state = state.withCheckout(state.checkout().withComplement(none ? "" : input.strip()));
          ask(Step.NEIGHBOURHOOD, texts.get("checkout.neighbourhood.question"), List.of());
          return true;
        }
        case NEIGHBOURHOOD -> {
          if (input.length() < 2) {
            say(texts.get("checkout.neighbourhood.question"));
            return true;
          }
          state = state.withCheckout(state.checkout().withNeighbourhood(input.strip()));
          showSummary();
          return true;
        }
        case CONFIRM -> {
          if (input.equals("CONFIRM")
              || Set.of("sim", "confirmar", "confirmo", "ok", "isso", "pode ser", "yes")
                  .contains(normalized)) {
            askPayment();
            return true;
          }
          return false;
        }
        case PAYMENT -> {
          String method =
              input.startsWith(PAY)
                  ? input.substring(PAY.length()).toLowerCase(Locale.ROOT)
                  : paymentNamed(normalized);
          if (method == null) {
            return false;
          }
          signal(ConversationMoment.PAYMENT_CHOSEN, cartData(total()));
          if (method.equals("cash")) {
            ask(
                Step.CASH_CHANGE,
                texts.get("payment.cash.change.question", texts.price(total())),
                List.of(new Choice("NO_CHANGE", texts.get("choice.no.change"))));
          } else {
            placeOrder(method, 0);
          }
          return true;
        }
        case CASH_CHANGE -> {
          if (input.equals("NO_CHANGE")
              || Set.of("nao", "nao preciso", "sem troco", "nao precisa", "n")
                  .contains(normalized)) {
            placeOrder("cash", 0);
            return true;
          }
          Long cents = money(input);
          if (cents == null) {
            return false;
          }
          if (cents < total()) {
            say(texts.get("payment.cash.change.too.low", texts.price(total())));
            return true;
          }
          placeOrder("cash", cents);
          return true;
        }
        case CONSENT -> {
          if (input.equals(CONSENT_YES)
              || Set.of("sim", "quero", "pode", "aceito", "yes").contains(normalized)) {
            optIn("choice");
            offerAfterOrder();
            return true;
          }
          if (input.equals(CONSENT_NO)
              || Set.of("nao", "nao quero", "nao obrigado", "no").contains(normalized)) {
            deps.consent()
                .record(
                    conversation.id(),
                    conversation.channel(),
                    ConsentLedger.Decision.OPT_OUT,
                    "choice");
            say(texts.get("consent.declined"));
            offerAfterOrder();
            return true;
          }
          return false;
        }
        case RATING -> {
          Integer rating =
              input.startsWith(RATE)
                  ? Integer.valueOf(input.substring(RATE.length()))
                  : wholeNumber(normalized);
          if (rating == null || rating < 1 || rating > 5 || state.orderId() == null) {
            return false;
          }
          deps.orders().saveFeedback(state.orderId(), conversation.id(), rating, null);
          signal(
              ConversationMoment.ORDER_RATED,
              new EventData(null, null, List.of(), null, null, state.orderId()));
          ask(
              Step.COMMENT,
              texts.get("feedback.comment.question"),
              List.of(new Choice("SKIP", texts.get("choice.skip"))));
          return true;
        }
        case COMMENT -> {
          if (!input.equals("SKIP")
              && !Set.of("nao", "nao obrigado", "nada", "n").contains(normalized)
              && state.orderId() != null) {
            deps.orders()
                .commentFeedback(
                    state.orderId(), input.length() > 1000 ? input.substring(0, 1000) : input);
          }
          state = state.at(Step.BROWSING, List.of());
          say(texts.get("feedback.thanks"));
          return true;
        }
        default -> {
          return false;
        }
      }
    }

    // ---- a typed order: "quero 2 pizzas de calabresa grandes e uma coca" ----

    private boolean handledAsTypedOrder() {
      if (isPayload || message.kind() != MessageKind.TEXT || normalized.isEmpty()) {
        return false;
      }
      OrderTextParser.Reading reading = OrderTextParser.read(input, menu);
      if (!reading.understoodAnything()) {
        return false;
      }
      searched(reading);
      List<String> added = new ArrayList<>();
      for (OrderTextParser.Request request : reading.requests()) {
        CartLine line =
            line(request.item(), request.variant(), request.addons(), request.quantity());
        addToCart(line);
        added.add(
            texts.get(
                "cart.line", line.quantity(), line.description(), texts.price(line.totalCents())));
      }
      if (!added.isEmpty()) {
        say(texts.get("cart.added.many", String.join("\n", added)));
      }
      for (Menu.Item item : reading.unavailable()) {
        say(texts.get("item.unavailable", item.name()));
      }
      List<PendingQuestion> questions = new ArrayList<>(state.questions());
      for (OrderTextParser.Question question : reading.questions()) {
        questions.add(
            new PendingQuestion(
                question.items().stream().map(Menu.Item::id).toList(),
                question.quantity(),
                question.addons().stream().map(Menu.Addon::id).toList()));
      }
      state = state.withQuestions(questions);
      state = state.understood();
      if (!nextQuestion()) {
        offerAfterAdding();
      }
      return true;
    }

    /** Asks the first pending clarification; false when there is none. */
    private boolean nextQuestion() {
      if (state.questions().isEmpty()) {
        return false;
      }
      PendingQuestion question = state.questions().get(0);
      if (question.itemIds().size() == 1) {
        state = state.withQuestions(state.questions().subList(1, state.questions().size()));
        chooseItem(question.itemIds().get(0), question.quantity(), question.addonIds());
        return true;
      }
      List<Choice> choices =
          question.itemIds().stream()
              .map(id -> menu.item(id).orElse(null))
              .filter(item -> item != null)
              .limit(Math.max(capabilities.maxQuickReplies(), 10))
              .map(item -> new Choice(ITEM + item.id(), item.name()))
              .toList();
      ask(Step.CHOOSING_ITEM, texts.get("item.which"), choices);
      return true;
    }

    // ---- browsing ----

    /** A mention in the customer's story with nothing typed: thanked, not misunderstood. */
    private boolean isStoryMention() {
      return (message.text() == null || message.text().isBlank())
          && message.attachments().stream()
              .anyMatch(a -> Attachment.STORY_MENTION.equals(a.type()));
    }

    private void greet() {
      String name = conversation.customerName();
      say(
          name == null || name.isBlank()
              ? texts.get("greeting.anonymous", menu.restaurant().name())
              : texts.get("greeting.named", firstName(name), menu.restaurant().name()));
    }

    private void offerCategories(String questionKey) {
      List<Choice> choices =
          menu.categories().stream().map(c -> new Choice(CATEGORY + c.id(), c.name())).toList();
      ask(Step.BROWSING, texts.get(questionKey), choices);
      state = state.browsing(null, state.offeredChoices());
    }

    private void offerMenu(String questionKey) {
      ask(
          Step.BROWSING,
          texts.get(questionKey),
          List.of(
              new Choice("MENU", texts.get("choice.menu")),
                  new Choice("CART", texts.get("choice.cart")),
              new Choice("TRACK", texts.get("choice.track")),
                  new Choice("HUMAN", texts.get("choice.human"))));
    }

    /**
     * A category: a carousel of its items where the channel has one (paged), a priced list
     * otherwise.
     */
    private void showCategory(String reference) {
      String[] parts = reference.split(":");
      String categoryId = parts[0];
      int page = parts.length > 1 && parts[1].matches("\\d{1,3}") ? Integer.parseInt(parts[1]) : 1;
      Optional<Menu.Category> found = menu.category(categoryId);
      if (found.isEmpty()) {
        say(texts.get("category.unknown"));
        offerCategories("categories.question");
        return;
      }
      Menu.Category category = found.get();
      signal(
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
      if (capabilities.maxCards() > 0) {
        showCategoryAsCards(category, page);
        return;
      }
      StringBuilder listing =
          new StringBuilder(texts.get("category.header", category.name(), category.description()));
      List<Choice> choices = new ArrayList<>();
      for (Menu.Item item : category.items()) {
        String line;
        if (!item.available()) {
          line = texts.get("category.item.unavailable", item.name());
        } else {
          line = priceLine(item);
          choices.add(new Choice(ITEM + item.id(), item.name()));
        }
        listing.append("\n• ").append(line);
      }
      say(listing.toString());
      choices.add(new Choice("MENU", texts.get("choice.other.categories")));
      ask(Step.BROWSING, texts.get("category.pick"), choices);
      state = state.browsing(category.id(), state.offeredChoices());
    }

    private void showCategoryAsCards(Menu.Category category, int page) {
      List<Menu.Item> available = category.items().stream().filter(Menu.Item::available).toList();
      int perPage = capabilities.maxCards();
      int pages = Math.max(1, (available.size() + perPage - 1) / perPage);
      int current = Math.min(Math.max(page, 1), pages);
      List<Card> cards = new ArrayList<>();
      for (Menu.Item item :
          available.subList(
              (current - 1) * perPage, Math.min(available.size(), current * perPage))) {
        cards.add(
            new Card(
                item.name(),
                priceLine(item) + " · " + item.description(),
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
        say(texts.get("category.header", category.name(), category.description()));
      }
      replies.add(new CardsPart(cards, after));
      List<String> offered = new ArrayList<>();
      cards.forEach(card -> card.buttons().forEach(button -> offered.add(button.payload())));
      after.forEach(choice -> offered.add(choice.payload()));
      state = state.browsing(category.id(), offered);
    }

    private String priceLine(Menu.Item item) {
      return texts.get(
          item.variants().size() > 1 ? "category.item.from" : "category.item",
          item.name(),
          texts.price(item.fromPriceCents()));
    }

    private Optional<Menu.Category> categoryNamed(String text) {
      return menu.categories().stream()
          .filter(
              c ->
                  TextMatching.normalize(c.name()).equals(text)
                      || TextMatching.singular(TextMatching.normalize(c.name()))
                          .equals(TextMatching.singular(text)))
          .findFirst();
    }

    // ---- choosing an item: size, add-ons, quantity ----

    private void chooseItem(String itemId, int quantity, List<String> addonIds) {
      Optional<Menu.Item> found = menu.item(itemId);
      if (found.isEmpty()) {
        say(texts.get("item.unknown"));
        offerCategories("categories.question");
        return;
      }
      Menu.Item item = found.get();
      if (!item.available()) {
        say(texts.get("item.unavailable", item.name()));
        offerCategories("categories.question");
        return;
      }
      signal(
          ConversationMoment.ITEM_VIEWED,
          new EventData(
              item.fromPriceCents(),
              "BRL",
              List.of(new Item(item.id(), item.name(), 1, item.fromPriceCents())),
              null,
              null,
              null));
      String variant = item.variants().size() == 1 ? item.variants().get(0).id() : null;
      state = state.withPending(new PendingItem(item.id(), variant, addonIds, quantity));
      if (capabilities.images() && item.imageUrl() != null && quantity == 0) {
        replies.add(new ImagePart(item.imageUrl(), item.name() + " — " + item.description()));
      }
      continueItem();
    }

    /** Asks what is still missing for the pending item, or adds it. */
    private void continueItem() {
      PendingItem pending = state.pending();
      Menu.Item item = menu.item(pending.itemId()).orElseThrow();
      if (pending.variantId() == null && !item.variants().isEmpty()) {
        List<Choice> choices =
            item.variants().stream()
                .map(
                    v -> new Choice(VARIANT + v.id(), v.name() + " " + texts.price(v.priceCents())))
                .toList();
        ask(Step.CHOOSING_VARIANT, texts.get("item.variant.question", item.name()), choices);
        return;
      }
      if (!item.addons().isEmpty()
          && pending.quantity() == 0
          && state.step() != Step.CHOOSING_ADDONS) {
        askAddons();
        return;
      }
      askQuantityOrAdd(false);
    }

    private void askAddons() {
      PendingItem pending = state.pending();
      Menu.Item item = menu.item(pending.itemId()).orElseThrow();
      List<Choice> choices = new ArrayList<>();
      choices.add(
          new Choice(
              "ADDONS_DONE",
              texts.get(pending.addonIds().isEmpty() ? "choice.no.addons" : "choice.addons.done")));
      for (Menu.Addon addon : item.addons()) {
        String mark = pending.addonIds().contains(addon.id()) ? "✓ " : "+ ";
        choices.add(
            new Choice(
                ADDON + addon.id(), mark + addon.name() + " " + texts.price(addon.priceCents())));
      }
      ask(Step.CHOOSING_ADDONS, texts.get("item.addons.question", item.name()), choices);
    }

    private void askQuantityOrAdd(boolean afterAddons) {
      PendingItem pending = state.pending();
      if (pending.quantity() > 0) {
        addPendingToCart();
        return;
      }
      Menu.Item item = menu.item(pending.itemId()).orElseThrow();
      List<Choice> choices =
          IntStream.rangeClosed(1, 5)
              .mapToObj(n -> new Choice(QUANTITY + n, Integer.toString(n)))
              .toList();
      ask(Step.CHOOSING_QUANTITY, texts.get("item.quantity.question", item.name()), choices);
    }

    private void addPendingToCart() {
      PendingItem pending = state.pending();
      Menu.Item item = menu.item(pending.itemId()).orElseThrow();
      Menu.Variant variant =
          pending.variantId() == null ? null : item.variant(pending.variantId()).orElse(null);
      List<Menu.Addon> addons =
          pending.addonIds().stream()
              .map(id -> item.addon(id).orElse(null))
              .filter(a -> a != null)
              .toList();
      CartLine line = line(item, variant, addons, pending.quantity());
      addToCart(line);
      state = state.withPending(null);
      say(
          texts.get(
              "cart.added",
              line.quantity(),
              line.description(),
              texts.price(line.totalCents()),
              texts.price(state.subtotalCents())));
      if (!nextQuestion()) {
        offerAfterAdding();
      }
    }

    private void offerAfterAdding() {
      ask(
          Step.CART,
          texts.get("cart.next.question"),
          List.of(
              new Choice("CHECKOUT", texts.get("choice.checkout")),
              new Choice("MENU", texts.get("choice.keep.shopping")),
              new Choice("CART", texts.get("choice.cart"))));
    }

    private CartLine line(
        Menu.Item item, Menu.Variant variant, List<Menu.Addon> addons, int quantity) {
      long unit =
          (variant == null ? item.priceCents() : variant.priceCents())
              + addons.stream().mapToLong(Menu.Addon::priceCents).sum();
      return new CartLine(
          item.id(),
          item.name(),
          variant == null ? null : variant.id(),
          variant == null ? null : variant.name(),
          addons.stream()
              .map(a -> new CartLine.CartAddon(a.id(), a.name(), a.priceCents()))
              .toList(),
          quantity,
          unit);
    }

    private void addToCart(CartLine line) {
      signal(
          ConversationMoment.ITEM_ADDED,
          new EventData(line.totalCents(), "BRL", List.of(item(line)), null, null, null));
      List<CartLine> cart = new ArrayList<>(state.cart());
      for (int i = 0; i < cart.size(); i++) {
        if (cart.get(i).sameChoiceAs(line)) {
          cart.set(i, cart.get(i).withQuantity(cart.get(i).quantity() + line.quantity()));
          state = state.withCart(cart);
          return;
        }
      }
      cart.add(line);
      state = state.withCart(cart);
    }

    // ---- the cart ----

    private void showCart() {
      if (state.cart().isEmpty()) {
        say(texts.get("cart.empty"));
        offerCategories("categories.question");
        return;
      }
      say(texts.get("cart.review", cartLines(), texts.price(state.subtotalCents())));
      ask(
          Step.CART,
          texts.get("cart.review.question"),
          List.of(
              new Choice("CHECKOUT", texts.get("choice.checkout")),
                  new Choice("MENU", texts.get("choice.keep.shopping")),
              new Choice("EDIT_CART", texts.get("choice.edit.cart")),
                  new Choice("CLEAR_CART", texts.get("choice.clear.cart"))));
    }

    private String cartLines() {
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < state.cart().size(); i++) {
        CartLine line = state.cart().get(i);
        lines
            .append(i == 0 ? "" : "\n")
            .append(i + 1)
            .append(". ")
            .append(
                texts.get(
                    "cart.line",
                    line.quantity(),
                    line.description(),
                    texts.price(line.totalCents())));
      }
      return lines.toString();
    }

    private void chooseLineToEdit() {
      List<Choice> choices = new ArrayList<>();
      for (int i = 0; i < state.cart().size(); i++) {
        choices.add(new Choice(LINE + i, (i + 1) + ". " + state.cart().get(i).itemName()));
      }
      ask(Step.CART, texts.get("cart.edit.which"), choices);
    }

    private void editLine(int index) {
      if (index < 0 || index >= state.cart().size()) {
        showCart();
        return;
      }
      CartLine line = state.cart().get(index);
      state = state.withPending(new PendingItem(line.itemId(), line.variantId(), List.of(), index));
      ask(
          Step.EDITING_LINE,
          texts.get("cart.edit.question", line.quantity(), line.description()),
          List.of(
              new Choice("INC", texts.get("choice.more.one")),
                  new Choice("DEC", texts.get("choice.less.one")),
              new Choice("REMOVE", texts.get("choice.remove")),
                  new Choice("CART", texts.get("choice.cart"))));
    }

    private boolean handledLineEdit() {
      if (state.pending() == null) {
        return false;
      }
      int index = state.pending().quantity();
      List<CartLine> cart = new ArrayList<>(state.cart());
      if (index < 0 || index >= cart.size()) {
        return false;
      }
      CartLine line = cart.get(index);
      Integer typed = wholeNumber(normalized);
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
      state = state.withCart(cart).withPending(null);
      showCart();
      return true;
    }

    // ---- checkout ----

    private void startCheckout() {
      if (state.cart().isEmpty()) {
        say(texts.get("cart.empty"));
        offerCategories("categories.question");
        return;
      }
      if (!openNow()) {
        signal(ConversationMoment.SAVED_FOR_LATER, cartData(state.subtotalCents()));
        return;
      }
      if (state.subtotalCents() < menu.minimumOrderCents()) {
        say(
            texts.get(
                "checkout.minimum",
                texts.price(menu.minimumOrderCents()),
                texts.price(menu.minimumOrderCents() - state.subtotalCents())));
        offerAfterAdding();
        return;
      }
      state = state.withCheckout(Checkout.empty());
      signal(ConversationMoment.CHECKOUT_STARTED, cartData(state.subtotalCents()));
      if (menu.deliveryZones().isEmpty()) {
        state = state.withCheckout(state.checkout().withDelivery(false));
        askName();
        return;
      }
      ask(
          Step.FULFILMENT,
          texts.get("checkout.fulfilment.question"),
          List.of(
              new Choice("DELIVERY", texts.get("choice.delivery")),
              new Choice("PICKUP", texts.get("choice.pickup"))));
    }

    private boolean openNow() {
      if (menu.isOpen(ZonedDateTime.now(deps.clock()))) {
        return true;
      }
      say(texts.get("checkout.closed", hoursText()));
      offerMenu("help.question");
      return false;
    }

    private String hoursText() {
      List<String> windows = new ArrayList<>();
      for (Menu.OpeningHours hours : menu.hours()) {
        windows.add(
            texts.get(
                "hours.window",
                String.join(
                    ", ",
                    hours.days().stream()
                        .map(d -> texts.get("day." + d.toUpperCase(Locale.ROOT)))
                        .toList()),
                hours.opens(),
                hours.closes()));
      }
      return String.join("; ", windows);
    }

    private void askName() {
      String known = conversation.customerName();
      List<Choice> choices =
          known == null || known.isBlank() ? List.of() : List.of(new Choice("USE_NAME", known));
      ask(Step.NAME, texts.get("checkout.name.question"), choices);
    }

    private void askPhone() {
      if (conversation.customerPhone() != null && !conversation.customerPhone().isBlank()) {
        state = state.withCheckout(state.checkout().withPhone(conversation.customerPhone()));
        askAddressOrConfirm();
        return;
      }
      ask(Step.PHONE, texts.get("checkout.phone.question"), List.of());
    }

    private void askAddressOrConfirm() {
      if (Boolean.TRUE.equals(state.checkout().delivery())) {
        ask(Step.CEP, texts.get("checkout.cep.question"), List.of());
      } else {
        showSummary();
      }
    }

    private void showSummary() {
      if (!openNow()) {
        return;
      }
      signal(ConversationMoment.DETAILS_GIVEN, EventData.none());
      Checkout checkout = state.checkout();
      String fulfilment =
          Boolean.TRUE.equals(checkout.delivery())
              ? texts.get(
                  "summary.delivery",
                  checkout.name(),
                  phoneText(checkout.phone()),
                  checkout.addressLine(),
                  checkout.etaMinutes())
              : texts.get("summary.pickup", checkout.name(), phoneText(checkout.phone()));
      String fee =
          Boolean.TRUE.equals(checkout.delivery())
              ? texts.get("summary.fee", texts.price(checkout.feeCents()))
              : "";
      say(
          texts.get(
              "summary",
              cartLines(),
              texts.price(state.subtotalCents()),
              fee,
              texts.price(total()),
              fulfilment));
      ask(
          Step.CONFIRM,
          texts.get("summary.question"),
          List.of(
              new Choice("CONFIRM", texts.get("choice.confirm")),
              new Choice("CART", texts.get("choice.edit.cart")),
              new Choice("RESTART", texts.get("choice.cancel"))));
    }

    private void askPayment() {
      ask(
          Step.PAYMENT,
          texts.get("payment.question", texts.price(total())),
          List.of(
              new Choice(PAY + "PIX", texts.get("choice.pix")),
              new Choice(PAY + "CARD", texts.get("choice.card")),
              new Choice(PAY + "CASH", texts.get("choice.cash"))));
    }

    private long total() {
      return state.subtotalCents()
          + (Boolean.TRUE.equals(state.checkout().delivery()) ? state.checkout().feeCents() : 0);
    }

    private void placeOrder(String method, long changeFor) {
      if (!openNow()) {
        return;
      }
      Checkout checkout = state.checkout().withPayment(method, changeFor);
      boolean delivery = Boolean.TRUE.equals(checkout.delivery());
      List<Order.Line> lines =
          state.cart().stream()
              .map(
                  l ->
                      new Order.Line(
                          l.itemId(),
                          l.itemName(),
                          l.variantId(),
                          l.variantName(),
                          l.addons().stream()
                              .map(a -> new Order.Addon(a.id(), a.name(), a.priceCents()))
                              .toList(),
                          l.quantity(),
                          l.unitPriceCents(),
                          l.totalCents()))
              .toList();
      Order order =
          deps.orders()
              .place(
                  new Order(
                      null,
                      conversation.id(),
                      conversation.channel().id(),
                      new Order.Customer(checkout.name(), checkout.phone()),
                      delivery ? "delivery" : "pickup",
                      delivery
                          ? new Order.Address(
                              checkout.cep(),
                              checkout.street(),
                              checkout.number(),
                              checkout.complement(),
                              checkout.neighbourhood(),
                              checkout.zoneId())
                          : null,
                      lines,
                      state.subtotalCents(),
                      delivery ? checkout.feeCents() : 0,
                      total(),
                      method,
                      method.equals("cash") ? "on_delivery" : "pending",
                      changeFor,
                      OrderStatus.CONFIRMED,
                      delivery ? checkout.etaMinutes() : null,
                      null));
      state =
          new ConversationState(
              Step.ORDERED,
              null,
              List.of(),
              null,
              List.of(),
              List.of(),
              checkout,
              order.id(),
              0,
              null);
      switch (method) {
        case "pix" -> {
          say(texts.get("order.placed.pix", order.id(), texts.price(order.totalCents())));
          say(deps.pix().copyAndPaste(order.id(), order.totalCents()));
          if (capabilities.images()) {
            replies.add(
                new ImagePart(
                    deps.pix().qrImageUrl(order.id()), texts.get("order.pix.qr.caption")));
          }
          say(texts.get("order.pix.after"));
        }
        case "card" -> {
          try {
            PaymentLink link =
                deps.cardPayments()
                    .linkFor(
                        order.id(),
                        texts.get("order.description", order.id(), menu.restaurant().name()),
                        order.totalCents());
            say(
                texts.get(
                    "order.placed.card", order.id(), texts.price(order.totalCents()), link.url()));
          } catch (PaymentUnavailableException e) {
            say(texts.get("order.placed.card.unavailable", order.id()));
          }
        }
        default ->
            say(
                changeFor > 0
                    ? texts.get(
                        "order.placed.cash.change",
                        order.id(),
                        texts.price(order.totalCents()),
                        texts.price(changeFor),
                        texts.price(changeFor - order.totalCents()))
                    : texts.get("order.placed.cash", order.id(), texts.price(order.totalCents())));
      }
      if (method.equals("cash")) {
        // Cash is paid on delivery: the order is bought once placed. PIX and card orders are
        // bought when the payment is confirmed (OrderEvents).
        signals.add(purchase(order));
      }
      if (deps.consent().undecided(conversation.id())) {
        ask(
            Step.CONSENT,
            texts.get("consent.question", menu.restaurant().name()),
            List.of(
                new Choice(CONSENT_YES, texts.get("choice.consent.yes")),
                new Choice(CONSENT_NO, texts.get("choice.consent.no"))));
      } else {
        offerAfterOrder();
      }
    }

    private void offerAfterOrder() {
      ask(
          Step.ORDERED,
          texts.get("order.next.question"),
          List.of(
              new Choice("TRACK", texts.get("choice.track")),
              new Choice("CANCEL", texts.get("choice.cancel.order")),
              new Choice("HUMAN", texts.get("choice.human"))));
    }

    // ---- after ordering ----

    private void track() {
      List<Order> recent = deps.orders().recent(conversation.id(), 3);
      if (recent.isEmpty()) {
        say(texts.get("track.none"));
        offerCategories("categories.question");
        return;
      }
      StringBuilder text = new StringBuilder(texts.get("track.header"));
      for (Order order : recent) {
        String eta =
            order.etaMinutes() == null || order.status().finished()
                ? ""
                : texts.get("track.eta", order.etaMinutes());
        text.append("\n• ")
            .append(
                texts.get(
                    "track.line",
                    order.id(),
                    texts.get("status." + order.status().id()),
                    texts.price(order.totalCents()),
                    eta));
        if ("pending".equals(order.paymentStatus()) && order.status() != OrderStatus.CANCELLED) {
          text.append(' ').append(texts.get("track.awaiting.payment"));
        }
      }
      say(text.toString());
      offerMenu("help.question");
    }

    private void cancelOrder() {
      Optional<Order> latest = deps.orders().recent(conversation.id(), 1).stream().findFirst();
      if (latest.isEmpty() || latest.get().status().finished()) {
        say(texts.get("cancel.nothing"));
        offerMenu("help.question");
        return;
      }
      Order order = latest.get();
      if (deps.orders().cancelByCustomer(order.id())) {
        signal(
            ConversationMoment.ORDER_CANCELLED,
            new EventData(order.totalCents(), "BRL", List.of(), null, null, order.id()));
        say(texts.get("cancel.done", order.id()));
        state = state.at(Step.BROWSING, List.of());
        offerMenu("help.question");
      } else {
        say(texts.get("cancel.too.late", order.id(), texts.get("status." + order.status().id())));
        ask(
            Step.ORDERED,
            texts.get("help.question"),
            List.of(
                new Choice("HUMAN", texts.get("choice.human")),
                new Choice("TRACK", texts.get("choice.track"))));
      }
    }

    private void reorder() {
      Optional<Order> last =
          deps.orders().recent(conversation.id(), 5).stream()
              .filter(o -> o.status() != OrderStatus.CANCELLED)
              .findFirst();
      if (last.isEmpty()) {
        say(texts.get("reorder.none"));
        offerCategories("categories.question");
        return;
      }
      List<String> missing = new ArrayList<>();
      List<CartLine> cart = new ArrayList<>();
      for (Order.Line ordered : last.get().items()) {
        Optional<Menu.Item> item = menu.item(ordered.itemId()).filter(Menu.Item::available);
        Optional<Menu.Variant> variant =
            item.flatMap(
                i ->
                    ordered.variantId() == null
                        ? Optional.empty()
                        : i.variant(ordered.variantId()));
        if (item.isEmpty() || (ordered.variantId() != null && variant.isEmpty())) {
          missing.add(ordered.name());
          continue;
        }
        List<Menu.Addon> addons =
            ordered.addons().stream()
                .map(a -> item.get().addon(a.id()).orElse(null))
                .filter(a -> a != null)
                .toList();
        cart.add(line(item.get(), variant.orElse(null), addons, ordered.quantity()));
      }
      state = state.withCart(cart).withCheckout(Checkout.empty());
      if (!missing.isEmpty()) {
        say(texts.get("reorder.missing", String.join(", ", missing)));
      }
      say(texts.get("reorder.done", last.get().id()));
      showCart();
    }

    private void handOver(boolean becauseMisunderstood) {
      signal(ConversationMoment.SUPPORT_REQUESTED, EventData.none());
      state =
          new ConversationState(
              Step.HUMAN,
              state.category(),
              List.of(),
              state.pending(),
              List.of(),
              state.cart(),
              state.checkout(),
              state.orderId(),
              0,
              null);
      say(texts.get(becauseMisunderstood ? "human.handover.misunderstood" : "human.handover"));
    }

    private void switchLanguage(Locale locale) {
      conversation = conversation.withLocale(locale);
      Texts switched = new Texts(deps.texts(), locale);
      replies.add(new TextPart(switched.get("language.switched")));
      List<Choice> choices =
          menu.categories().stream().map(c -> new Choice(CATEGORY + c.id(), c.name())).toList();
      replies.add(new ChoicesPart(switched.get("categories.question"), choices));
      state = state.browsing(null, choices.stream().map(Choice::payload).toList());
    }

    // ---- not understood ----

    private void misunderstood() {
      state = state.notUnderstood();
      if (state.misunderstood() >= handoffAfterMisunderstandings) {
        handOver(true);
        return;
      }
      say(
          message.kind() == MessageKind.TEXT && !input.isBlank()
              ? texts.get("fallback.text", quote(input))
              : texts.get("fallback.other"));
      List<Choice> choices =
          new ArrayList<>(
              menu.categories().stream()
                  .map(c -> new Choice(CATEGORY + c.id(), c.name()))
                  .toList());
      if (!state.cart().isEmpty()) {
        choices.add(new Choice("CART", texts.get("choice.cart")));
      }
      choices.add(new Choice("HUMAN", texts.get("choice.human")));
      offer(state.step(), texts.get("fallback.question"), choices);
    }

    // ---- marketing and consent ----

    private void signal(ConversationMoment moment, EventData data) {
      signals.add(MarketingSignal.of(moment, data));
    }

    /** What the cart holds, with the given value. */
    private EventData cartData(long valueCents) {
      return new EventData(
          valueCents,
          "BRL",
          state.cart().stream().map(ConversationEngine::item).toList(),
          null,
          null,
          null);
    }

    /** The menu items a typed order matched, by their menu names (never the typed text). */
    private void searched(OrderTextParser.Reading reading) {
      List<Menu.Item> found = new ArrayList<>();
      reading.requests().forEach(request -> found.add(request.item()));
      reading.questions().forEach(question -> found.addAll(question.items()));
      found.addAll(reading.unavailable());
      if (found.isEmpty()) {
        return;
      }
      List<Menu.Item> distinct = found.stream().distinct().toList();
      signal(
          ConversationMoment.SEARCHED,
          new EventData(
              null,
              null,
              distinct.stream()
                  .map(i -> new Item(i.id(), i.name(), 1, i.fromPriceCents()))
                  .toList(),
              null,
              String.join(", ", distinct.stream().map(Menu.Item::name).toList()),
              null));
    }

    private void optIn(String source) {
      deps.consent()
          .record(conversation.id(), conversation.channel(), ConsentLedger.Decision.OPT_IN, source);
      signal(ConversationMoment.OPTED_IN, EventData.none());
      say(texts.get("consent.thanks"));
    }

    /** SAIR, PARAR or STOP as a message of its own (a line of a burst counts too). */
    private String optOutWord() {
      if (isPayload || message.text() == null) {
        return null;
      }
      for (String line : message.text().split("\\R")) {
        String word = TextMatching.normalize(line.strip());
        if (OPT_OUT_WORDS.contains(word)) {
          return word;
        }
      }
      return null;
    }

    private void optOut(String source) {
      deps.consent()
          .record(
              conversation.id(), conversation.channel(), ConsentLedger.Decision.OPT_OUT, source);
      deps.marketing().cancelPending(conversation.id());
      say(texts.get("consent.opted.out"));
      if (state.step() == Step.CONSENT) {
        state = state.at(Step.ORDERED, List.of());
      }
    }

    // ---- helpers ----

    private void say(String text) {
      replies.add(new TextPart(text));
    }

    /** Asks a question (with options when there are any): the customer was understood. */
    private void ask(Step step, String question, List<Choice> choices) {
      offer(step, question, choices);
      state = state.understood();
    }

    private void offer(Step step, String question, List<Choice> choices) {
      replies.add(choices.isEmpty() ? new TextPart(question) : new ChoicesPart(question, choices));
      state = state.at(step, choices.stream().map(Choice::payload).toList());
    }

    private Turn done() {
      return new Turn(conversation.withState(state), replies, signals);
    }

    /**
     * A typed number picks the option it numbers in the last offer (channels without buttons show
     * numbered lists).
     */
    private String pickedByNumber(String typed) {
      if (!typed.matches("\\d{1,2}")) {
        return null;
      }
      int number = Integer.parseInt(typed);
      List<String> offered = state.offeredChoices();
      return number >= 1 && number <= offered.size() ? offered.get(number - 1) : null;
    }

    private String paymentNamed(String text) {
      if (text.contains("pix")) {
        return "pix";
      }
      if (text.contains("cartao") || text.contains("credito") || text.contains("card")) {
        return "card";
      }
      if (text.contains("dinheiro") || text.contains("especie") || text.contains("cash")) {
        return "cash";
      }
      return null;
    }
  }

  /** A cart line as a marketing item: the menu item (and size), quantity and unit price. */
  static Item item(CartLine line) {
    return new Item(
        line.variantId() == null ? line.itemId() : line.itemId() + ":" + line.variantId(),
        line.description(),
        line.quantity(),
        line.unitPriceCents());
  }

  /**
   * An order's purchase, with {@code order-<code>} as its event id: the id a pixel on the
   * restaurant's web menu sends for the same order, so Meta counts it once.
   */
  static MarketingSignal purchase(Order order) {
    return new MarketingSignal(
        ConversationMoment.PURCHASED,
        new EventData(
            order.totalCents(),
            "BRL",
            order.items().stream()
                .map(
                    l ->
                        new Item(
                            l.variantId() == null ? l.itemId() : l.itemId() + ":" + l.variantId(),
                            l.variantName() == null ? l.name() : l.name() + " " + l.variantName(),
                            l.quantity(),
                            l.unitPriceCents()))
                .toList(),
            null,
            null,
            order.id()),
        "order-" + order.id());
  }

  private static Integer wholeNumber(String normalized) {
    return normalized.matches("\\d{1,2}") ? Integer.valueOf(normalized) : null;
  }

  /** Reais typed by a customer: "100", "100,00", "R$ 50", "cinquenta" is not understood. */
  private static Long money(String typed) {
    Matcher matcher = MONEY.matcher(typed.replace("R$", "").replace(" ", ""));
    if (!matcher.matches()) {
      return null;
    }
    long reais = Long.parseLong(matcher.group(1));
    String fraction = matcher.group(2) == null ? "0" : matcher.group(2);
    long cents = fraction.length() == 1 ? Long.parseLong(fraction) * 10 : Long.parseLong(fraction);
    return reais * 100 + cents;
  }

  private static String phoneText(String phone) {
    if (phone == null) {
      return "";
    }
    String digits = phone.replaceAll("\\D", "");
    if (digits.startsWith("55") && digits.length() >= 12) {
      digits = digits.substring(2);
    }
    if (digits.length() == 11) {
      return "("
          + digits.substring(0, 2)
          + ") "
          + digits.substring(2, 7)
          + "-"
          + digits.substring(7);
    }
    if (digits.length() == 10) {
      return "("
          + digits.substring(0, 2)
          + ") "
          + digits.substring(2, 6)
          + "-"
          + digits.substring(6);
    }
    return phone;
  }

  private static String firstName(String name) {
    return name.strip().split("\\s+")[0];
  }

  private static String quote(String input) {
    String flat = input.replaceAll("\\s+", " ");
    return flat.length() <= 80 ? flat : flat.substring(0, 80) + "…";
  }
}
