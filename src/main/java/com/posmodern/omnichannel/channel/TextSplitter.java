package com.posmodern.omnichannel.channel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts text into pieces a channel accepts: each within a character and/or UTF-8 byte limit, cut
 * between graphemes (never inside an emoji or an accented letter) and, where possible, at a line
 * break or a space. Nothing is dropped: joining the pieces gives back the text, give or take the
 * whitespace at the cuts.
 */
public final class TextSplitter {

  private TextSplitter() {}

  /**
   * Unicode extended grapheme clusters (UAX #29, with emoji ZWJ sequences, flags and keycaps as one
   * cluster); {@link java.text.BreakIterator} cuts inside those on Java 17.
   */
  private static final Pattern GRAPHEME = Pattern.compile("\\X");

  /**
   * @param maxChars limit in UTF-16 characters as the platforms count them, 0 for none
   * @param maxBytes limit in UTF-8 bytes, 0 for none
   */
  public static List<String> split(String text, int maxChars, int maxBytes) {
    List<String> pieces = new ArrayList<>();
    String rest = text.strip();
    while (!rest.isEmpty()) {
      if (fits(rest, maxChars, maxBytes)) {
        pieces.add(rest);
        break;
      }
      int cut = lastFittingBoundary(rest, maxChars, maxBytes);
      int soft = Math.max(rest.lastIndexOf('\n', cut), rest.lastIndexOf(' ', cut));
      if (soft > cut / 2) {
        cut = soft;
      }
      pieces.add(rest.substring(0, cut).stripTrailing());
      rest = rest.substring(cut).stripLeading();
    }
    return pieces;
  }

  /** Whether the text fits both limits. */
  public static boolean fits(String text, int maxChars, int maxBytes) {
    return (maxChars == 0 || text.length() <= maxChars)
        && (maxBytes == 0 || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes);
  }

  /** Cuts to fit in one piece, ending with an ellipsis when something was cut (titles, labels). */
  public static String truncate(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    String head = text.substring(0, lastFittingBoundary(text, maxChars - 1, 0)).stripTrailing();
    return head + "…";
  }

  private static int lastFittingBoundary(String text, int maxChars, int maxBytes) {
    Matcher graphemes = GRAPHEME.matcher(text);
    int last = 0;
    int bytes = 0;
    while (graphemes.find()) {
      int end = graphemes.end();
      bytes += text.substring(graphemes.start(), end).getBytes(StandardCharsets.UTF_8).length;
      if ((maxChars != 0 && end > maxChars) || (maxBytes != 0 && bytes > maxBytes)) {
        break;
      }
      last = end;
    }
    if (last == 0) {
      throw new IllegalArgumentException("limit too small for a single grapheme");
    }
    return last;
  }
}
