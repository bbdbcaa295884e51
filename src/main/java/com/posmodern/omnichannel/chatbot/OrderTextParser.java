package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.pos.catalog.Menu;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
   */
  record Reading(List<Request> requests, List<Question> questions, List<Menu.Item> unavailable) {

    boolean understoodAnything() {
      return !requests.isEmpty() || !questions.isEmpty() || !unavailable.isEmpty();
    }
  }

  private static final Map<String, Integer> NUMBER_WORDS =
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
          Map.entry("meia", 6));
  private static final Pattern LEAD_IN =
      Pattern.compile(
          "^(eu )?(quero|queria|gostaria de|vou querer|me ve|me manda|manda|pode mandar|pode ser|adiciona|adicionar|"
              + "coloca|acrescenta|pede|pedir|mais)( )");
  private static final Pattern SEGMENT_SEPARATOR = Pattern.compile(" e | mais ");

  private OrderTextParser() {}

  static Reading read(String text, Menu menu) {
    // Line breaks, commas, semicolons and "+" separate items like "e" does; mark them before
    // punctuation is dropped.
    String normalized = TextMatching.normalize(text.replaceAll("[,;+\n]", " e "));
    normalized = LEAD_IN.matcher(normalized).replaceFirst("").strip();
    List<Request> requests = new ArrayList<>();
    List<Question> questions = new ArrayList<>();
    List<Menu.Item> unavailable = new ArrayList<>();
    for (String segment : SEGMENT_SEPARATOR.split(" " + normalized + " ")) {
      readSegment(segment.strip(), menu, requests, questions, unavailable);
    }
    return new Reading(requests, questions, unavailable);
  }

  private static void readSegment(
      String rawSegment,
      Menu menu,
      List<Request> requests,
      List<Question> questions,
      List<Menu.Item> unavailable) {
    String segment = LEAD_IN.matcher(rawSegment + " ").replaceFirst("").strip();
    if (segment.isEmpty()) {
      return;
    }
    String itemPart = segment;
    String addonPart = "";
    int with = segment.indexOf(" com ");
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
      return;
    }
    List<Menu.Item> best = bestItems(words, menu);
    if (best.isEmpty()) {
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

  private static Integer quantity(String word) {
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
              return matched >= Math.min(2, names.size());
            })
        .toList();
  }
}
