package com.posmodern.omnichannel.chatbot;

import static com.posmodern.omnichannel.chatbot.Payloads.CATEGORY;
import static com.posmodern.omnichannel.chatbot.Payloads.ITEM;

import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.pos.catalog.Menu;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a customer may ask whatever the bot asked: a person, help, starting over, another language,
 * the menu, a category, the cart, checkout, or their orders (track, cancel, order again). While the
 * customer types checkout details or a comment, only the strongest of these count.
 */
final class GlobalIntents {

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
      Set.of(
          "carrinho",
          "ver carrinho",
          "meu carrinho",
          "meu pedido atual",
          "cart",
          "my cart",
          "show cart",
          "show my cart");

  /** Questions about the cart: "o que tem no meu carrinho?", "quanto ficou?". */
  private static final Pattern CART_QUESTION =
      Pattern.compile(
          "^(o que tem no|ver o|mostra o|mostrar o|me mostra o)( meu)? carrinho$|^quanto (ficou|deu|esta|ta|e)( o total| tudo)?$|^qual (e )?o total$|^total$");

  /** Asking to close the order in a sentence: "quero fechar o pedido", "pode fechar". */
  private static final Pattern CHECKOUT_SENTENCE =
      Pattern.compile(
          "^(eu )?(quero |pode |vamos |bora |ja pode )?(fechar|finalizar|fecha|finaliza|encerrar)( o| meu)?( pedido| compra)?( por favor| pfv)?$");

  /** Emptying the cart in words. */
  private static final Pattern CLEAR_CART =
      Pattern.compile("^(limpar|esvaziar|apagar|zerar|limpa|esvazia)( o| meu)? carrinho$");

  /** Taking something out of the cart: "tira a feijoada", "remove uma coca", "sem o guaraná". */
  private static final Pattern REMOVE_FROM_CART =
      Pattern.compile(
          "^(pode |por favor |pfv )?(tira|tirar|tire|retira|retirar|remove|remover|exclui|excluir|apaga|apagar"
              + "|nao quero mais|desisti d[oa]|cancela|remove the|take out|take off)( os| as| o| a| the)?\\b ?(?=[a-z0-9])");

  /** The order as a whole ("cancela o pedido"), the cart ("apagar o carrinho"): not a line. */
  private static final Pattern ABOUT_THE_ORDER = Pattern.compile("\\b(pedido|carrinho|compra)\\b");

  /**
   * What must reach the global intents whatever else the message says: a person, tracking,
   * cancelling, starting over ("cadê meu pedido? já tá demorando" is tracking, not a complaint).
   */
  static boolean isCommand(String normalized) {
    return HUMAN_WORDS.matcher(normalized).find()
        || TRACK_WORDS.matcher(normalized).find()
        || CANCEL_WORDS.matcher(normalized).find()
        || RESTART_WORDS.contains(normalized);
  }

  /** After a removal, an order in the same message: "… e coloca um x-salada". */
  private static final Pattern THEN_ADD =
      Pattern.compile(
          " (e|e ai|and) (coloca|coloque|poe|bota|adiciona|manda|me manda|me ve|quero|pode colocar|add|put)( )");

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

  private final Prompts prompts;
  private final ConsentSteps consent;
  private final HandOver handOver;
  private final MenuSteps menu;
  private final CartSteps cart;
  private final CheckoutSteps checkout;
  private final OrderFollowUp orders;
  private final TypedOrders typedOrders;

  GlobalIntents(
      Prompts prompts,
      ConsentSteps consent,
      HandOver handOver,
      MenuSteps menu,
      CartSteps cart,
      CheckoutSteps checkout,
      OrderFollowUp orders,
      TypedOrders typedOrders) {
    this.prompts = prompts;
    this.consent = consent;
    this.handOver = handOver;
    this.menu = menu;
    this.cart = cart;
    this.checkout = checkout;
    this.orders = orders;
    this.typedOrders = typedOrders;
  }

  /** Handles the message as one of these intents; false when it is none of them. */
  boolean handle(TurnContext turn) {
    if (consent.optedInByKeyword(turn)) {
      return true;
    }
    String input = turn.input();
    String normalized = turn.normalized();
    boolean typed = !turn.isPayload();
    Step step = turn.state().step();
    if (typed
        && Asides.typingDetails(step)
        && !HUMAN_WORDS.matcher(normalized).find()
        && !RESTART_WORDS.contains(normalized)
        && !HELP_WORDS.contains(normalized)) {
      return false; // a name or a street: only the strongest words count as commands
    }
    if (typed && step == Step.COMMENT) {
      return false;
    }
    if (input.equals("HUMAN") || (typed && HUMAN_WORDS.matcher(normalized).find())) {
      handOver.handOver(turn, false);
    } else if (input.equals("HELP") || HELP_WORDS.contains(normalized)) {
      turn.say(turn.texts().get("help"));
      prompts.offerMenu(turn, "help.question");
    } else if (input.equals("RESTART") || RESTART_WORDS.contains(normalized)) {
      turn.state(ConversationState.start().withOrder(turn.state().orderId()));
      turn.say(turn.texts().get("restart.done"));
      prompts.offerCategories(turn, "categories.question");
    } else if (Set.of("english", "ingles", "in english").contains(normalized)) {
      switchLanguage(turn, Locale.ENGLISH);
    } else if (Set.of("portugues", "em portugues").contains(normalized)) {
      switchLanguage(turn, Locale.forLanguageTag("pt-BR"));
    } else if (input.equals("TRACK") || TRACK_WORDS.matcher(normalized).find()) {
      orders.track(turn);
    } else if (input.equals("CANCEL") || CANCEL_WORDS.matcher(normalized).find()) {
      orders.cancel(turn);
    } else if (input.equals("REORDER") || REORDER_WORDS.matcher(normalized).find()) {
      orders.reorder(turn);
    } else if (typed && CLEAR_CART.matcher(normalized).matches()) {
      cart.clear(turn);
    } else if (typed
        && REMOVE_FROM_CART.matcher(normalized).find()
        && !ABOUT_THE_ORDER.matcher(normalized).find()) {
      String named = REMOVE_FROM_CART.matcher(normalized).replaceFirst("");
      Matcher then = THEN_ADD.matcher(named);
      if (then.find()) {
        // "tira o beirute e coloca um x-salada com ovo": out, then in
        cart.removeTyped(turn, named.substring(0, then.start()), false);
        if (!typedOrders.read(turn, named.substring(then.end()))) {
          cart.show(turn);
        }
      } else {
        cart.removeTyped(turn, named);
      }
    } else if (input.equals("MENU") || MENU_WORDS.contains(normalized)) {
      prompts.offerCategories(turn, "categories.question");
    } else if (typed && (GREETINGS.contains(normalized) || greetingOrOpening(normalized))) {
      if (!turn.saidAnything()) {
        prompts.greet(turn);
      }
      prompts.offerCategories(turn, "categories.question");
    } else if (input.equals("CART")
        || CART_WORDS.contains(normalized)
        || (typed && CART_QUESTION.matcher(normalized).matches())) {
      cart.show(turn);
    } else if (input.equals("CHECKOUT")
        || CHECKOUT_WORDS.contains(normalized)
        || (typed && CHECKOUT_SENTENCE.matcher(normalized).matches())) {
      checkout.start(turn);
    } else if (input.startsWith(CATEGORY)) {
      menu.showCategory(turn, input.substring(CATEGORY.length()));
    } else if (input.startsWith(ITEM) && step != Step.CHOOSING_ITEM) {
      menu.chooseItem(turn, input.substring(ITEM.length()), 0, List.of());
    } else {
      // Last, so the menu's names are matched only when nothing else was asked.
      Optional<Menu.Category> named =
          typed ? MenuSteps.categoryNamed(turn.menu(), normalized) : Optional.empty();
      if (named.isEmpty() && typed) {
        named = MenuSteps.categoryNamed(turn.menu(), withoutAskingWords(normalized));
      }
      if (named.isEmpty()) {
        return false;
      }
      menu.showCategory(turn, named.get().id());
    }
    return true;
  }

  /**
   * A greeting with what people add to it ("oii", "boa noiteee", "oi tudo bem?", "Oi! Quero ver o
   * cardápio", "olá, gostaria de fazer um pedido"), or an opening without one ("quero fazer um
   * pedido", "manda o cardápio"): answered with the categories. A greeting followed by an order is
   * not: the order is read.
   */
  static boolean greetingOrOpening(String normalized) {
    if (normalized.isEmpty()) {
      return false;
    }
    String squeezed = normalized.replaceAll("([a-z])\\1+", "$1");
    Matcher greeting = GREETING_START.matcher(squeezed);
    String rest = greeting.find() ? squeezed.substring(greeting.end()).strip() : squeezed;
    return rest.isEmpty() || OPENING.matcher(rest).matches();
  }

  private static final Pattern GREETING_START =
      Pattern.compile(
          "^((oi|ola|opa|oie|hey|hi|hello|e ai|eai|bom dia|boa tarde|boa noite|salve)\\b ?)+");

  /** What follows a greeting, or opens a conversation, asking for the menu or to order. */
  private static final Pattern OPENING =
      Pattern.compile(
          "^(tudo (bem|bom|certo|joia)( e (voce|vc|contigo))?|como vai|(pessoal|gente|amigo|amiga))?"
              + " ?((eu )?(quero|queria|gostaria de|gostaria|pode|podem|poderia|me)? ?"
              + "(ver|mandar|manda|mande|enviar|envia|passar|passa|ver o|fazer|faze)? ?"
              + "(o |um |uma )?(cardapio|menu|pedido|pedir|encomenda)( de voces| do dia| por favor| pfv| pf)?)?"
              + "( (por favor|pfv|pf|please))?$");

  /** "tem sobremesa?", "quais bebidas vocês têm?", "quero ver as pizzas" → the category's name. */
  static String withoutAskingWords(String normalized) {
    List<String> kept = new java.util.ArrayList<>();
    for (String word : normalized.split(" ")) {
      if (!ASKING_WORDS.contains(word)) {
        kept.add(word);
      }
    }
    return String.join(" ", kept);
  }

  private static final Set<String> ASKING_WORDS =
      Set.of(
          "tem", "quais", "qual", "que", "o", "a", "os", "as", "de", "quero", "queria", "ver",
          "mostra", "mostrar", "me", "manda", "voces", "vcs", "vc", "ai", "hoje", "opcoes", "show",
          "the", "what", "do", "you", "have", "see", "i", "want", "to", "um", "uma", "uns", "umas",
          "algum", "alguma", "pedir", "comer", "beber", "tomar", "an", "some");

  /** Answers from now on in another language, starting with the menu's categories. */
  private static void switchLanguage(TurnContext turn, Locale locale) {
    turn.switchLanguage(locale);
    Texts texts = turn.texts();
    List<Choice> choices = Prompts.categoryChoices(turn);
    turn.add(new TextPart(texts.get("language.switched")));
    turn.add(new ChoicesPart(texts.get("categories.question"), choices));
    turn.state(turn.state().browsing(null, choices.stream().map(Choice::payload).toList()));
  }
}
