package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.pos.catalog.Menu;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads an order typed in Portuguese ("quero 2 pizzas de calabresa grandes e uma coca") against the
 * menu, deterministically: quantities in digits or words, items by name or alias, sizes by name or
 * alias, add-ons after "com", tolerant to accents, case, plurals and small typos. It never invents
 * an item or a price: what it cannot tell apart comes back as a question (which item, which size).
 */
final class OrderTextParser {

  /**
   * One thing the customer asked for; {@code variant} is null when the item has none or it must be
   * asked.
   */
  record Request(Menu.Item item, Menu.Variant variant, List<Menu.Addon> addons, int quantity) {}

  /**
   * Something to ask back: which of these items, or (when {@code items} has one) which of its
   * sizes.
   */
  record Question(List<Menu.Item> items, int quantity, List<Menu.Addon> addons) {}

  /**
   * What was understood.
   *
   * @param requests ready to add to the cart
   * @param questions to ask, in order
   * @param unavailable items asked for that cannot be ordered today
   * @param notes what was asked of an item the cart cannot hold ("sem cebola"), as typed
   */
  record Reading(
      List<Request> requests,
      List<Question> questions,
      List<Menu.Item> unavailable,
      List<Unknown> unknown,
      List<String> notes) {

    boolean understoodAnything() {
      return !requests.isEmpty() || !questions.isEmpty() || !unavailable.isEmpty();
    }
  }

  /**
   * Something asked for that is not on the menu ("lasanha", "pizza de atum"), as typed, with the
   * menu items closest to it (none when nothing is close).
   */
  record Unknown(String typed, List<Menu.Item> closest) {}

  /** Words around an order that name nothing to eat. */
  private static final Set<String> NOT_FOOD =
      Set.of(
          "por",
          "favor",
          "pfv",
          "pf",
          "obrigado",
          "obrigada",
          "vlw",
          "valeu",
          "oi",
          "ola",
          "bom",
          "boa",
          "dia",
          "tarde",
          "noite",
          "bem",
          "mim",
          "minha",
          "meu",
          "esposa",
          "marido",
          "filho",
          "filha",
          "viagem",
          "levar",
          "hoje",
          "agora",
          "ai",
          "aqui",
          "tambem",
          "outra",
          "outro",
          "ne",
          "so",
          "isso",
          "mesmo",
          "tem",
          "voces",
          "vcs",
          "vc",
          "ter",
          "seria",
          "ok",
          "sim",
          "nao",
          "the",
          "and",
          "please",
          "thanks",
          "one",
          "a",
          "an",
          "sobremesa",
          "bebida",
          "lanche",
          "prato",
          "gente",
          "pessoa",
          "pessoas",
          "servida",
          "servido",
          "quente",
          "gelada",
          "gelado",
          "completa",
          "completo",
          "extra");

  /** Sizes and the like: words that describe an item rather than name one. */
  private static final Set<String> DESCRIBING =
      Set.of(
          "grande", "media", "medio", "pequena", "pequeno", "g", "m", "p", "gde", "lata", "litro",
          "l", "2l", "garrafa", "350", "ml", "large", "medium", "small", "can");

  /** Quantities in words, Portuguese and English. */
  static final Map<String, Integer> NUMBER_WORDS =
      Map.ofEntries(
          Map.entry("um", 1),
          Map.entry("uma", 1),
          Map.entry("dois", 2),
          Map.entry("duas", 2),
          Map.entry("tres", 3),
          Map.entry("quatro", 4),
          Map.entry("cinco", 5),
          Map.entry("seis", 6),
          Map.entry("sete", 7),
          Map.entry("oito", 8),
          Map.entry("nove", 9),
          Map.entry("dez", 10),
          Map.entry("duzia", 12),
          Map.entry("meia", 6),
          Map.entry("a", 1),
          Map.entry("an", 1),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5));

  private static final Pattern LEAD_IN =
      Pattern.compile(
          "^(eu )?(quero|queria|seria|qro|qria|kero|keria|gostaria de|vou querer|me ve|me manda|manda|pode mandar|pode ser|adiciona|adicionar|"
              + "coloca|acrescenta|inclui|poe|bota|boto|ponha|pede|pedir|mais)( )");
  private static final Pattern SEGMENT_SEPARATOR = Pattern.compile(" e | mais | and ");
  private static final Pattern SEPARATORS_IN_A_ROW = Pattern.compile("(?: (?:e|mais|and)){2,} ");

  /** A greeting before the order: "boa noite! queria 2 guaranás". */
  private static final Pattern GREETING =
      Pattern.compile(
          "^((oi+|ola+|opa|oie|hey|hi|hello|e ai|eai|salve|bom dia|boa tarde|boa noite+)( tudo (bem|bom|certo))?( pessoal| gente)? )+");

  private static final Pattern WITHOUT = Pattern.compile(" (sem|without|no) [a-z]");

  private static final Pattern COURTESY =
      Pattern.compile("\\btudo (bem|bom|certo|joia|tranquilo)\\b");

  /** A number starting the next item without "e": "1 feijoada 2 guaranás" (not "coca 2 litros"). */
  private static final Pattern NEXT_ITEM_BY_NUMBER =
      Pattern.compile(" (?=\\d{1,2} (?!litros?|l\\b|ml\\b|lata)[a-z])");

  private OrderTextParser() {}

  static Reading read(String text, Menu menu) {
    // Line breaks, commas, semicolons and "+" separate items like "e" does; mark them before
    // punctuation is dropped.
    String normalized = TextMatching.normalize(text.replaceAll("[,;+\n]", " e "));
    normalized = GREETING.matcher(normalized + " ").replaceFirst("").strip();
    // "tudo bem?" anywhere is courtesy; "tudo" alone may be food ("x-tudo").
    normalized = COURTESY.matcher(normalized).replaceAll(" ").strip();
    normalized = LEAD_IN.matcher(normalized).replaceFirst("").strip();
    normalized =
        (" " + normalized + " ")
            .replace(" uma duzia ", " 12 ")
            .replace(" meia duzia ", " 6 ")
            .replace(" c ", " com ")
            .replace(" with ", " com ")
            .strip();
    normalized =
        NEXT_ITEM_BY_NUMBER.matcher(normalized).replaceAll(" e ").replaceAll("( e)+ e ", " e ");
    normalized = joinedNamesSpaced(normalized, menu);
    List<Request> requests = new ArrayList<>();
    List<Question> questions = new ArrayList<>();
    List<Menu.Item> unavailable = new ArrayList<>();
    List<Unknown> unknown = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    // Separators in a row ("mais e 2 brigadeiros") are one.
    String separated = SEPARATORS_IN_A_ROW.matcher(" " + normalized + " ").replaceAll(" e ");
    for (String segment : SEGMENT_SEPARATOR.split(separated)) {
      // "x-salada sem cebola": the item is read; "sem cebola" is a note the cart cannot hold.
      Matcher without = WITHOUT.matcher(segment);
      if (without.find()) {
        notes.add(segment.substring(without.start()).strip());
        segment = segment.substring(0, without.start());
      }
      readSegment(segment.strip(), menu, requests, questions, unavailable, unknown);
    }
    // "quero pizza / portuguesa grande" (a burst answered as one turn): the pizza was named after.
    questions.removeIf(
        question ->
            question.items().size() > 1
                && requests.stream()
                    .anyMatch(request -> question.items().contains(request.item())));
    return new Reading(requests, questions, unavailable, unknown, notes);
  }

  private static void readSegment(
      String rawSegment,
      Menu menu,
      List<Request> requests,
      List<Question> questions,
      List<Menu.Item> unavailable,
      List<Unknown> unknown) {
    String segment = LEAD_IN.matcher(rawSegment + " ").replaceFirst("").strip();
    if (segment.isEmpty()) {
      return;
    }
    String itemPart = segment;
    String addonPart = "";
    int with = addonsStart(segment, menu);
    if (with >= 0) {
      itemPart = segment.substring(0, with);
      addonPart = segment.substring(with + 5);
    }
    // The quantity is read from the words as typed ("duas", "tres"), before plurals are made
    // singular.
    String[] typed = TextMatching.normalize(itemPart).split(" ");
    int quantity = 1;
    Integer number = typed.length > 0 ? quantity(typed[0]) : null;
    if (number != null) {
      quantity = number;
      itemPart = String.join(" ", java.util.Arrays.copyOfRange(typed, 1, typed.length));
    }
    List<String> words = TextMatching.words(itemPart);
    if (words.isEmpty()) {
      if (!addonPart.isBlank()) {
        unknown.add(new Unknown(segment, List.of())); // "um com batata": with what?
      }
      return;
    }
    List<Menu.Item> best = bestItems(words, menu);
    List<String> foodWords =
        words.stream().filter(w -> !NOT_FOOD.contains(w) && !DESCRIBING.contains(w)).toList();
    if (best.isEmpty()) {
      if (!foodWords.isEmpty()) {
        unknown.add(new Unknown(String.join(" ", typedWithoutQuantity(itemPart)), List.of()));
      }
      return;
    }
    // "pizza de atum": the menu has pizzas, but no item is named by every word typed.
    List<String> unmatched =
        foodWords.stream()
            .filter(
                w ->
                    w.length() >= 3
                        && quantity(w) == null
                        && best.stream().noneMatch(item -> names(item, w)))
            .toList();
    // "guaraná zero", "beirute de frango": a word that is none of the item's is not dropped
    // silently; the one close item is offered instead.
    if (!unmatched.isEmpty()
        && (best.size() == 1 || best.stream().noneMatch(item -> fullyNamed(item, words)))) {
      unknown.add(
          new Unknown(
              String.join(" ", typedWithoutQuantity(itemPart)),
              best.stream().filter(Menu.Item::available).toList()));
      return;
    }
    if (best.size() > 1) {
      List<Menu.Item> orderable = best.stream().filter(Menu.Item::available).toList();
      if (!orderable.isEmpty()) {
        questions.add(new Question(orderable, quantity, List.of()));
      } else {
        unavailable.addAll(best);
      }
      return;
    }
    Menu.Item item = best.get(0);
    if (!item.available()) {
      unavailable.add(item);
      return;
    }
    List<Menu.Addon> addons = addons(item, TextMatching.words(addonPart));
    if (item.variants().isEmpty()) {
      requests.add(new Request(item, null, addons, quantity));
      return;
    }
    List<Menu.Variant> variants = variants(item, words);
    if (variants.size() == 1) {
      requests.add(new Request(item, variants.get(0), addons, quantity));
    } else if (item.variants().size() == 1) {
      requests.add(new Request(item, item.variants().get(0), addons, quantity));
    } else {
      questions.add(new Question(List.of(item), quantity, addons));
    }
  }

  /** A quantity typed as one word ("2", "duas"), 1 to 50; null when the word is none. */
  static Integer quantity(String word) {
    if (word.matches("\\d{1,2}")) {
      int value = Integer.parseInt(word);
      return value >= 1 && value <= 50 ? value : null;
    }
    return NUMBER_WORDS.get(word);
  }

  /**
   * Items whose name or an alias is fully typed; the longest match wins; else the items sharing the
   * most words.
   */
  private static List<Menu.Item> bestItems(List<String> words, Menu menu) {
    record Score(Menu.Item item, int full, int partial) {}
    List<Score> scores = new ArrayList<>();
    for (Menu.Item item : menu.items()) {
      int full = 0;
      int partial = 0;
      List<String> phrases = new ArrayList<>(item.aliases());
      phrases.add(item.name());
      for (String phrase : phrases) {
        List<String> phraseWords = TextMatching.menuWords(phrase);
        long matched =
            phraseWords.stream()
                .filter(p -> words.stream().anyMatch(w -> TextMatching.similar(w, p)))
                .count();
        if (!phraseWords.isEmpty() && matched == phraseWords.size()) {
          full = Math.max(full, phraseWords.size());
        }
        partial = Math.max(partial, (int) matched);
      }
      if (full > 0 || partial > 0) {
        scores.add(new Score(item, full, partial));
      }
    }
    int bestFull = scores.stream().mapToInt(Score::full).max().orElse(0);
    if (bestFull > 0) {
      return scores.stream().filter(s -> s.full() == bestFull).map(Score::item).toList();
    }
    int bestPartial = scores.stream().mapToInt(Score::partial).max().orElse(0);
    return scores.stream().filter(s -> s.partial() == bestPartial).map(Score::item).toList();
  }

  private static List<Menu.Variant> variants(Menu.Item item, List<String> words) {
    return item.variants().stream()
        .filter(
            variant -> {
              List<String> names = new ArrayList<>(variant.aliases());
              names.add(variant.name());
              return names.stream()
                  .map(TextMatching::menuWords)
                  .filter(phrase -> !phrase.isEmpty())
                  .anyMatch(
                      phrase ->
                          phrase.stream()
                              .allMatch(
                                  p -> words.stream().anyMatch(w -> TextMatching.similar(w, p))));
            })
        .toList();
  }

  private static List<Menu.Addon> addons(Menu.Item item, List<String> words) {
    if (words.isEmpty()) {
      return List.of();
    }
    return item.addons().stream()
        .filter(
            addon -> {
              List<String> names = TextMatching.menuWords(addon.name());
              long matched =
                  names.stream()
                      .filter(n -> words.stream().anyMatch(w -> TextMatching.similar(w, n)))
                      .count();
              return matched >= Math.min(2, names.size())
                  || addon.aliases().stream()
                      .map(TextMatching::menuWords)
                      .filter(alias -> !alias.isEmpty())
                      .anyMatch(
                          alias ->
                              alias.stream()
                                  .allMatch(
                                      a ->
                                          words.stream()
                                              .anyMatch(w -> TextMatching.similar(w, a))));
            })
        .toList();
  }

  /** The words as typed, without the articles and courtesy words around them. */
  private static List<String> typedWithoutQuantity(String itemPart) {
    return java.util.Arrays.stream(itemPart.strip().split(" "))
        .filter(w -> !w.isEmpty() && !NOT_FOOD.contains(w) && quantity(w) == null)
        .toList();
  }

  /** Whether a word is one of the item's (name, aliases, sizes, add-ons, description). */
  private static boolean names(Menu.Item item, String word) {
    List<String> phrases = new ArrayList<>(item.aliases());
    phrases.add(item.name());
    item.variants()
        .forEach(
            v -> {
              phrases.add(v.name());
              phrases.addAll(v.aliases());
            });
    item.addons()
        .forEach(
            a -> {
              phrases.add(a.name());
              phrases.addAll(a.aliases());
            });
    if (item.description() != null) {
      phrases.add(item.description()); // "mussarela margherita": what is in it names it too
    }
    return phrases.stream()
        .flatMap(p -> TextMatching.menuWords(p).stream())
        .anyMatch(p -> TextMatching.similar(word, p));
  }

  /** Whether every word of the item's name or of an alias is typed. */
  private static boolean fullyNamed(Menu.Item item, List<String> words) {
    List<String> phrases = new ArrayList<>(item.aliases());
    phrases.add(item.name());
    return phrases.stream()
        .map(TextMatching::menuWords)
        .filter(p -> !p.isEmpty())
        .anyMatch(
            p ->
                p.stream().allMatch(n -> words.stream().anyMatch(w -> TextMatching.similar(w, n))));
  }

  /** "cocacola" → "coca cola": menu names of several words typed as one. */
  private static String joinedNamesSpaced(String normalized, Menu menu) {
    String spaced = " " + normalized + " ";
    for (Menu.Item item : menu.items()) {
      List<String> phrases = new ArrayList<>(item.aliases());
      phrases.add(item.name());
      for (String phrase : phrases) {
        // The kept menu words: no normalising per message (see TextMatching.menuWords).
        List<String> words = TextMatching.menuWords(phrase);
        String joined = String.join("", words);
        if (words.size() > 1 && joined.length() >= 6) {
          spaced = spaced.replace(" " + joined + " ", " " + String.join(" ", words) + " ");
        }
      }
    }
    return spaced.strip();
  }

  /**
   * Where the add-ons start ("x-bacon com ovo"): the first " com " that is not inside an item's
   * name ("pizza de frango com catupiry"); -1 when there is none.
   */
  private static int addonsStart(String segment, Menu menu) {
    int with = segment.indexOf(" com ");
    while (with >= 0) {
      String typedAfter = segment.substring(with + 5).split(" ")[0];
      boolean insideAName =
          menu.items().stream()
              .flatMap(item -> Stream.concat(item.aliases().stream(), Stream.of(item.name())))
              .map(TextMatching::menuWords)
              .filter(words -> words.indexOf("com") >= 0 && words.indexOf("com") < words.size() - 1)
              .anyMatch(
                  words -> TextMatching.similar(typedAfter, words.get(words.indexOf("com") + 1)));
      if (!insideAName) {
        return with;
      }
      with = segment.indexOf(" com ", with + 5);
    }
    return -1;
  }
}
