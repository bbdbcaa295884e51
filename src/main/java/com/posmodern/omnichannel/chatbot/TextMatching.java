package com.posmodern.omnichannel.chatbot;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How typed Portuguese is compared with the menu: no accents or case, singular words, small typos
 * forgiven.
 */
final class TextMatching {

  private static final Set<String> STOPWORDS =
      Set.of(
          "de", "da", "do", "das", "dos", "a", "o", "as", "os", "pra", "para", "tamanho", "sabor",
          "por", "favor");

  /** Menu phrases already split into words: at most this many are kept. */
  private static final int MENU_WORDS_KEPT = 10_000;

  private static final Map<String, List<String>> menuWords = new ConcurrentHashMap<>();

  private TextMatching() {}

  /** Lower case, no accents, letters and digits separated by single spaces. */
  static String normalize(String text) {
    String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}", "").replaceAll("[^a-z0-9]+", " ").strip();
  }

  /** The meaningful words of a text, singular. */
  static List<String> words(String text) {
    String normalized = normalize(text);
    if (normalized.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(normalized.split(" "))
        .filter(word -> !STOPWORDS.contains(word))
        .map(TextMatching::singular)
        .toList();
  }

  /**
   * {@link #words} of a menu name or alias, kept: every free-text message is compared with every
   * item of the menu, and normalising each name again per message was a noticeable part of a
   * consumed message's CPU (bench profile). A changed menu only adds phrases; past the bound the
   * kept ones are dropped.
   */
  static List<String> menuWords(String phrase) {
    List<String> known = menuWords.get(phrase);
    if (known != null) {
      return known;
    }
    if (menuWords.size() >= MENU_WORDS_KEPT) {
      menuWords.clear();
    }
    List<String> words = words(phrase);
    menuWords.put(phrase, words);
    return words;
  }

  /**
   * Portuguese plural to singular, enough for menus: pizzas → pizza, grandes → grande, pães → pao.
   */
  static String singular(String word) {
    if (word.length() > 4 && word.endsWith("oes")) {
      return word.substring(0, word.length() - 3) + "ao";
    }
    if (word.length() > 4 && word.endsWith("aes")) {
      return word.substring(0, word.length() - 3) + "ao";
    }
    if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }

  /** Same word, or a small typo of a long enough word (one edit from 4 letters, two from 10). */
  static boolean similar(String typed, String known) {
    if (typed.equals(known) || spelledAlike(typed).equals(spelledAlike(known))) {
      return true;
    }
    // Two typos only in long words: "coxinha" is not "coquinha".
    int allowed = known.length() >= 10 ? 2 : known.length() >= 4 ? 1 : 0;
    return allowed > 0
        && Math.abs(typed.length() - known.length()) <= allowed
        && distance(typed, known) <= allowed;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /**
   * Spellings that sound the same in Portuguese: "cokinha" → "coquinha", "catupyry" → "catupiri".
   */
  static String spelledAlike(String word) {
    String alike =
        word.replaceAll("k(?=[ei])", "qu").replace('k', 'c').replace('y', 'i').replace("ph", "f");
    // "mussarela" is "muçarela"; only in long words, where "massa" and "maçã" do not meet.
    return alike.length() >= 7 ? alike.replace("ss", "c") : alike;
  }
}
