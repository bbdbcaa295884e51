package com.posmodern.omnichannel.chatbot;

import static com.posmodern.omnichannel.chatbot.Payloads.ADDON;
import static com.posmodern.omnichannel.chatbot.Payloads.CATEGORY;
import static com.posmodern.omnichannel.chatbot.Payloads.ITEM;
import static com.posmodern.omnichannel.chatbot.Payloads.PAY;
import static com.posmodern.omnichannel.chatbot.Payloads.QUANTITY;
import static com.posmodern.omnichannel.chatbot.Payloads.RATE;
import static com.posmodern.omnichannel.chatbot.Payloads.VARIANT;

import com.posmodern.omnichannel.chatbot.ConversationState.PendingItem;
import com.posmodern.omnichannel.pos.catalog.Menu;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed words that answer the question just asked: "grande" or "G" for the size, "sim pode" for the
 * summary, "sem complemento", "não preciso" (of change), "duas" for the quantity. A typed message
 * is read as one of the options last offered when, without the words people add around an answer
 * ("a", "pode ser", "por favor"), it is one of that option's names; when it could be two options,
 * or is more than an answer, it is left to the rest of the conversation. Used by {@link
 * TurnContext}, after a typed number.
 */
final class TypedChoices {

  /** Words around an answer that do not change it. */
  private static final Set<String> AROUND =
      Set.of(
          "a",
          "o",
          "as",
          "os",
          "de",
          "da",
          "do",
          "pode",
          "ser",
          "por",
          "favor",
          "pfv",
          "pf",
          "pls",
          "please",
          "quero",
          "queria",
          "vou",
          "querer",
          "eu",
          "e",
          "entao",
          "so",
          "mesmo",
          "the",
          "i",
          "want",
          "obrigado",
          "obrigada",
          "vlw",
          "valeu",
          "opcao",
          "essa",
          "esse",
          "tamanho",
          "size");

  private static final Set<String> YES =
      Set.of(
          "sim",
          "s",
          "isso",
          "isso mesmo",
          "confirmo",
          "confirmar",
          "confirma",
          "pode",
          "pode sim",
          "ok",
          "okay",
          "certo",
          "ta certo",
          "esta certo",
          "correto",
          "tudo certo",
          "perfeito",
          "beleza",
          "blz",
          "claro",
          "com certeza",
          "yes",
          "y",
          "yep",
          "sure",
          "confirm",
          "correct");
  private static final Set<String> NO =
      Set.of("nao", "n", "nao obrigado", "nao obrigada", "no", "nope", "nada", "nenhum");

  private static final Map<String, Set<String>> PHRASES =
      Map.ofEntries(
          Map.entry("CONFIRM", YES),
          Map.entry("USE_NAME", YES),
          Map.entry(Payloads.CONSENT_YES, union(YES, Set.of("quero", "sim quero"))),
          Map.entry(Payloads.CONSENT_NO, NO),
          Map.entry(
              "SKIP", union(NO, Set.of("pular", "skip", "sem comentario", "sem comentarios"))),
          Map.entry(
              "NO_CHANGE",
              union(
                  NO,
                  Set.of(
                      "nao preciso",
                      "nao precisa",
                      "sem troco",
                      "nao preciso de troco",
                      "nao precisa de troco",
                      "dispenso",
                      "trocado",
                      "no change"))),
          Map.entry(
              "NO_COMPLEMENT",
              union(
                  NO,
                  Set.of(
                      "nao tem",
                      "nao tenho",
                      "sem complemento",
                      "sem",
                      "casa",
                      "nenhum complemento",
                      "none",
                      "no complement"))),
          Map.entry(
              "ADDONS_DONE",
              union(
                  NO,
                  Set.of(
                      "pronto",
                      "sem adicionais",
                      "sem adicional",
                      "nao quero",
                      "so isso",
                      "nao precisa",
                      "assim esta bom",
                      "assim ta bom",
                      "done",
                      "no thanks"))),
          Map.entry(
              "DELIVERY",
              Set.of(
                  "entrega", "entregar", "delivery", "pra entregar", "para entrega", "entregue")),
          Map.entry(
              "PICKUP",
              Set.of(
                  "retirada",
                  "retirar",
                  "buscar",
                  "vou buscar",
                  "retiro",
                  "balcao",
                  "no balcao",
                  "retirar no balcao",
                  "pickup",
                  "pick up")),
          Map.entry(PAY + "PIX", Set.of("pix", "no pix", "via pix", "pagar no pix")),
          Map.entry(
              PAY + "CARD",
              Set.of(
                  "cartao",
                  "no cartao",
                  "credito",
                  "cartao de credito",
                  "debito",
                  "cartao de debito",
                  "card",
                  "credit card")),
          Map.entry(PAY + "CASH", Set.of("dinheiro", "em dinheiro", "especie", "cash")));

  /** Number words of the order reader that name a count alone ("duas"), not "a" or "meia". */
  private static final Map<String, Integer> NUMBERS =
      OrderTextParser.NUMBER_WORDS.entrySet().stream()
          .filter(e -> !Set.of("a", "an", "meia", "duzia").contains(e.getKey()))
          .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

  /** Short names people use for sizes. */
  private static final Map<String, Set<String>> SIZE_NAMES =
      Map.of(
          "grande", Set.of("g", "gde", "grandona", "large", "big"),
          "media", Set.of("m", "med", "medio", "medium"),
          "pequena", Set.of("p", "peq", "pequeno", "small"),
          "lata", Set.of("latinha", "350", "350ml", "can"),
          "2l", Set.of("2 litros", "dois litros", "2 l", "garrafa", "2 litro", "litrao"));

  private TypedChoices() {}

  /** The offered option the typed text names, or null. */
  static String pick(String typed, List<String> offered, Menu menu, PendingItem pending) {
    if (offered.isEmpty()) {
      return null;
    }
    String whole = TextMatching.normalize(typed);
    if (whole.isEmpty()) {
      return null;
    }
    String answer = withoutWordsAround(whole);
    String found = null;
    for (String payload : offered) {
      Set<String> names = names(payload, menu, pending);
      if (names.contains(whole) || (!answer.isEmpty() && names.contains(answer))) {
        if (found != null) {
          return null; // could be either
        }
        found = payload;
      }
    }
    if (found == null && YES.contains(whole)) {
      // "Quis dizer Pizza de Calabresa?" "sim": the one item offered.
      List<String> items = offered.stream().filter(p -> p.startsWith(ITEM)).toList();
      return items.size() == 1 ? items.get(0) : null;
    }
    return found;
  }

  private static String withoutWordsAround(String normalized) {
    List<String> kept = new ArrayList<>();
    for (String word : normalized.split(" ")) {
      if (!AROUND.contains(word)) {
        kept.add(word);
      }
    }
    return String.join(" ", kept);
  }

  /** The names a customer may type for an option, normalized. */
  private static Set<String> names(String payload, Menu menu, PendingItem pending) {
    Set<String> fixed = PHRASES.get(payload);
    if (fixed != null) {
      return fixed;
    }
    Set<String> names = new HashSet<>();
    if (payload.startsWith(QUANTITY) || payload.startsWith(RATE)) {
      String number = payload.substring(payload.indexOf(':') + 1);
      names.add(number);
      NUMBERS.forEach((word, n) -> names.add(n.toString().equals(number) ? word : number));
      if (payload.startsWith(RATE)) {
        names.add("nota " + number);
        names.add(number + " estrela");
        names.add(number + " estrelas");
      }
    } else if (payload.startsWith(VARIANT) && pending != null) {
      String id = payload.substring(VARIANT.length());
      menu.item(pending.itemId())
          .flatMap(item -> item.variants().stream().filter(v -> v.id().equals(id)).findFirst())
          .ifPresent(
              variant -> {
                String name = TextMatching.normalize(variant.name());
                names.add(name);
                names.add(name.split(" ")[0]);
                variant.aliases().forEach(alias -> names.add(TextMatching.normalize(alias)));
              });
      names.add(TextMatching.normalize(id));
      names.addAll(SIZE_NAMES.getOrDefault(id, Set.of()));
    } else if (payload.startsWith(ADDON) && pending != null) {
      String id = payload.substring(ADDON.length());
      menu.item(pending.itemId())
          .flatMap(item -> item.addons().stream().filter(a -> a.id().equals(id)).findFirst())
          .ifPresent(
              addon -> {
                names.addAll(shortNames(addon.name()));
                addon.aliases().forEach(alias -> names.add(TextMatching.normalize(alias)));
              });
    } else if (payload.startsWith(ITEM)) {
      menu.item(payload.substring(ITEM.length()))
          .ifPresent(item -> names.addAll(shortNames(item.name())));
    } else if (payload.startsWith(CATEGORY)) {
      menu.categories().stream()
          .filter(c -> c.id().equals(payload.substring(CATEGORY.length())))
          .findFirst()
          .ifPresent(category -> names.addAll(shortNames(category.name())));
    }
    names.remove("");
    return names;
  }

  /** A menu name, and the same without its first words ("Pizza de Calabresa" → "calabresa"). */
  private static Set<String> shortNames(String name) {
    Set<String> names = new HashSet<>();
    List<String> words = Arrays.asList(TextMatching.normalize(name).split(" "));
    for (int from = 0; from < words.size(); from++) {
      String tail = String.join(" ", words.subList(from, words.size()));
      if (!AROUND.contains(tail)) {
        names.add(tail);
        names.add(withoutWordsAround(tail));
      }
    }
    return names;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
