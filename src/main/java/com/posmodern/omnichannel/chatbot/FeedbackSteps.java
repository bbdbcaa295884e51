package com.posmodern.omnichannel.chatbot;

import static com.posmodern.omnichannel.chatbot.Payloads.RATE;

import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.ConversationMoment;
import com.posmodern.omnichannel.marketing.MarketingEvent.EventData;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Feedback after delivery: the rating from 1 to 5 (asked by the order events when the POS reports
 * the order delivered), then an optional comment, both kept with the order. Answers the {@code
 * RATING} and {@code COMMENT} steps.
 */
final class FeedbackSteps implements StepHandler {

  private static final Set<String> NO_COMMENT = Set.of("nao", "nao obrigado", "nada", "n");
  private static final int MAX_COMMENT = 1000;

  private final OrderBook orders;

  FeedbackSteps(OrderBook orders) {
    this.orders = orders;
  }

  @Override
  public Set<Step> steps() {
    return Set.of(Step.RATING, Step.COMMENT);
  }

  @Override
  public boolean answer(TurnContext turn) {
    String input = turn.input();
    String orderId = turn.state().orderId();
    if (turn.state().step() == Step.RATING) {
      if (orderId == null) {
        return false;
      }
      Integer rating =
          input.startsWith(RATE)
              ? Integer.valueOf(input.substring(RATE.length()))
              : typedRating(input);
      if (rating == null || rating < 1 || rating > 5) {
        if (turn.isPayload()) {
          return false;
        }
        // Not a rating (a complaint, a question): never an order; the question is asked again.
        turn.say(turn.texts().get("feedback.rating.again"));
        turn.ask(Step.RATING, turn.texts().get("feedback.rating.retry"), ratingChoices());
        return true;
      }
      String said = input.startsWith(RATE) ? "" : commentAfterRating(input);
      orders.saveFeedback(orderId, turn.conversation().id(), rating, null);
      turn.signal(
          ConversationMoment.ORDER_RATED,
          new EventData(null, null, List.of(), null, null, orderId));
      if (!said.isEmpty()) {
        orders.commentFeedback(
            orderId, said.length() > MAX_COMMENT ? said.substring(0, MAX_COMMENT) : said);
        turn.state(turn.state().at(Step.BROWSING, List.of()).understood());
        turn.say(turn.texts().get("feedback.thanks"));
        return true;
      }
      askComment(turn);
      return true;
    }
    if (!input.equals("SKIP") && !NO_COMMENT.contains(turn.normalized()) && orderId != null) {
      orders.commentFeedback(
          orderId, input.length() > MAX_COMMENT ? input.substring(0, MAX_COMMENT) : input);
    }
    turn.state(turn.state().at(Step.BROWSING, List.of()));
    turn.say(turn.texts().get("feedback.thanks"));
    return true;
  }

  @Override
  public boolean askAgain(TurnContext turn) {
    if (turn.state().step() == Step.RATING) {
      turn.ask(Step.RATING, turn.texts().get("feedback.rating.retry"), ratingChoices());
    } else {
      askComment(turn);
    }
    return true;
  }

  private static void askComment(TurnContext turn) {
    turn.ask(
        Step.COMMENT,
        turn.texts().get("feedback.comment.question"),
        List.of(new Choice("SKIP", turn.texts().get("choice.skip"))));
  }

  /** The rating's options, 1 to 5, as the question offers them. */
  static List<Choice> ratingChoices() {
    return IntStream.rangeClosed(1, 5).mapToObj(n -> new Choice(RATE + n, "⭐".repeat(n))).toList();
  }

  /**
   * A rating typed the ways people type it: "4", "nota 4", "4 estrelas", "dou 5", "cinco", "4/5",
   * "⭐⭐⭐⭐", with or without a comment after it; null when there is none, or more than one number
   * could be it.
   */
  static Integer typedRating(String typed) {
    int stars = stars(typed);
    if (stars > 0) {
      return stars;
    }
    String normalized = TextMatching.normalize(typed);
    Matcher rating = RATING.matcher(normalized);
    if (!rating.find()) {
      return null;
    }
    String value = rating.group(1);
    boolean bare = rating.group().strip().equals(value);
    if (bare
        && normalized.length() > value.length()
        && !BARE_THEN_PUNCTUATION.matcher(typed.toLowerCase(java.util.Locale.ROOT)).find()) {
      return null; // "2 feijoadas": a quantity, not a rating
    }
    return value.chars().allMatch(Character::isDigit)
        ? Integer.valueOf(value)
        : OrderTextParser.NUMBER_WORDS.get(value);
  }

  /** What the customer wrote after the rating ("nota 4, demorou um pouco" → "demorou um pouco"). */
  static String commentAfterRating(String typed) {
    if (stars(typed) > 0) {
      return "";
    }
    Matcher rest = RATING_PREFIX.matcher(typed.strip());
    if (!rest.find()) {
      return "";
    }
    String comment =
        typed.strip().substring(rest.end()).replaceFirst("^[\\s,.;:!—–-]+", "").strip();
    return comment.codePoints().anyMatch(Character::isLetter) ? comment : "";
  }

  /** The stars typed (⭐ or 🌟). */
  private static int stars(String typed) {
    return (int) typed.codePoints().filter(c -> c == 0x2B50 || c == 0x1F31F).count();
  }

  private static final String RATING_VALUE = "([1-5]|um|uma|dois|duas|tres|quatro|cinco)";

  /** At the start of the (normalized) message: the rating, with the words around it. */
  private static final Pattern RATING =
      Pattern.compile(
          "^(?:(?:minha |a )?nota(?: e)?|dou(?: nota)?|da|de|vale|eu dou)? ?"
              + RATING_VALUE
              + "(?: ?estrelas?| 5| de 5| \\/ ?5)?(?:$| )");

  /** A bare rating followed by more only when punctuation parts them: "5!!! tudo perfeito". */
  private static final Pattern BARE_THEN_PUNCTUATION =
      Pattern.compile("^\\s*(?:[1-5]|um|uma|dois|duas|tr[eê]s|quatro|cinco)\\s*[,.!;:—–-]");

  /** The same on the typed text, to find where a comment starts. */
  private static final Pattern RATING_PREFIX =
      Pattern.compile(
          "^(?i)(?:(?:minha |a )?nota(?: é| e)?|dou(?: nota)?|eu dou)?\\s*(?:[1-5]|um|uma|dois|duas|três|tres|quatro|cinco)(?:\\s*estrelas?|\\s*/\\s*5|\\s+de\\s+5)?[!.]*");
}
