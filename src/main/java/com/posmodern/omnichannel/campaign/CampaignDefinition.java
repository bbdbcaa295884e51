package com.posmodern.omnichannel.campaign;

import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A WhatsApp campaign as an operator defines it: whom it targets, which approved template it sends
 * and when. Outside the 24-hour customer service window WhatsApp takes only approved templates
 * (Twilio error 63016), so a campaign names a Content API template ({@code HX…} SID) and its
 * variables, never free text
 * (https://www.twilio.com/docs/whatsapp/tutorial/send-whatsapp-notification-messages-templates).
 *
 * @param name what operators call it
 * @param segment whom it targets (only customers whose consent allows marketing, on WhatsApp)
 * @param template the approved template and its variables
 * @param schedule when it may send
 * @param ratePerMinute how many messages a minute at most
 * @param personalise whether Claude fills the variables from each customer's history (the plain
 *     defaults when AI is off, slow or wrong)
 */
public record CampaignDefinition(
    String name,
    Segment segment,
    Template template,
    Schedule schedule,
    Integer ratePerMinute,
    boolean personalise) {

  /** A Content API template SID (https://www.twilio.com/docs/content/content-api-resources). */
  private static final Pattern CONTENT_SID = Pattern.compile("HX[0-9a-fA-F]{32}");

  /** Twilio accepts at most 80 messages per second per sender by default; a minute's worth. */
  static final int MAX_RATE_PER_MINUTE = 80 * 60;

  /**
   * Whom a campaign targets; every filter is optional and they all apply together.
   *
   * @param orderedWithinDays the last order is at most this many days old
   * @param notOrderedForDays the last order is at least this many days old, or the customer never
   *     ordered (win back)
   * @param minOrders at least this many orders
   * @param minSpendCents at least this much spent in all
   * @param favouriteCategory the menu category the customer ordered most items of
   * @param cepPrefixes the last delivery address's CEP starts with one of these (digits)
   * @param neighbourhoods the last delivery address is in one of these neighbourhoods
   */
  public record Segment(
      Integer orderedWithinDays,
      Integer notOrderedForDays,
      Integer minOrders,
      Long minSpendCents,
      String favouriteCategory,
      List<String> cepPrefixes,
      List<String> neighbourhoods) {

    /** Everyone who allows marketing on WhatsApp. */
    public static Segment everyone() {
      return new Segment(null, null, null, null, null, List.of(), List.of());
    }

    public Segment {
      cepPrefixes =
          cepPrefixes == null
              ? List.of()
              : cepPrefixes.stream()
                  .map(p -> p.replaceAll("\\D", ""))
                  .filter(p -> !p.isEmpty())
                  .toList();
      neighbourhoods =
          neighbourhoods == null
              ? List.of()
              : neighbourhoods.stream().map(String::strip).filter(n -> !n.isEmpty()).toList();
      positive(orderedWithinDays, "segment.orderedWithinDays");
      positive(notOrderedForDays, "segment.notOrderedForDays");
      positive(minOrders, "segment.minOrders");
      if (minSpendCents != null && minSpendCents < 0) {
        throw new IllegalArgumentException("segment.minSpendCents must not be negative");
      }
    }

    /** Whether a filter needs what only the order bodies tell (category, address). */
    boolean readsOrders() {
      return favouriteCategory != null || !cepPrefixes.isEmpty() || !neighbourhoods.isEmpty();
    }
  }

  /**
   * An approved template and its variables.
   *
   * @param contentSid the Content API template ({@code HX…}), approved by WhatsApp
   * @param variables the default value of each variable ({@code "1"}, {@code "2"}, …), sent as they
   *     are when there is no personalisation
   * @param maxLengths the longest value each variable may take (personalised values are checked
   *     against it; WhatsApp caps a template's body at 1,024 characters)
   * @param text the approved body with its placeholders ({@code Oi {{1}}! …}), optional: Claude
   *     reads it to fill the variables, the dry run shows it filled in, and the filled-in body must
   *     stay within WhatsApp's 1,024 characters (Twilio error 63021)
   */
  public record Template(
      String contentSid,
      Map<String, String> variables,
      Map<String, Integer> maxLengths,
      String text) {

    /** WhatsApp's longest template body, variables filled in (Twilio error 63021). */
    static final int MAX_BODY = 1024;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([1-9][0-9]?)\\s*}}");

    /** A template without its text (older definitions, tests). */
    public Template(
        String contentSid, Map<String, String> variables, Map<String, Integer> maxLengths) {
      this(contentSid, variables, maxLengths, null);
    }

    public Template {
      if (contentSid == null || !CONTENT_SID.matcher(contentSid.strip()).matches()) {
        throw new IllegalArgumentException(
            "template.contentSid must be a Content API template SID (HX and 32 hex digits)");
      }
      contentSid = contentSid.strip();
      variables = variables == null ? Map.of() : variables;
      maxLengths = maxLengths == null ? Map.of() : maxLengths;
      if (maxLengths.values().stream().anyMatch(max -> max == null || max < 1)) {
        throw new IllegalArgumentException("template.maxLengths must be at least 1 each");
      }
      for (Map.Entry<String, String> variable : variables.entrySet()) {
        if (!variable.getKey().matches("[1-9][0-9]?")) {
          throw new IllegalArgumentException(
              "template.variables are numbered \"1\", \"2\", … as in the template, not '"
                  + variable.getKey()
                  + "'");
        }
        if (variable.getValue() == null || variable.getValue().isBlank()) {
          throw new IllegalArgumentException(
              "template.variables." + variable.getKey() + " needs a default value");
        }
        int max = maxLengths.getOrDefault(variable.getKey(), MAX_BODY);
        if (variable.getValue().length() > max) {
          throw new IllegalArgumentException(
              "template.variables."
                  + variable.getKey()
                  + " is longer than its "
                  + max
                  + " characters");
        }
      }
      variables = Map.copyOf(variables);
      maxLengths = Map.copyOf(maxLengths);
      text = text == null || text.isBlank() ? null : text.strip();
      if (text != null) {
        var placeholders = PLACEHOLDER.matcher(text);
        while (placeholders.find()) {
          if (!variables.containsKey(placeholders.group(1))) {
            throw new IllegalArgumentException(
                "template.text uses {{"
                    + placeholders.group(1)
                    + "}}, which has no default in template.variables");
          }
        }
        if (fill(text, variables).length() > MAX_BODY) {
          throw new IllegalArgumentException(
              "template.text with its variables is longer than WhatsApp's "
                  + MAX_BODY
                  + " characters");
        }
      }
    }

    /** The longest value the variable may take: its own limit, else the body's. */
    int maxLength(String variable) {
      return maxLengths.getOrDefault(variable, MAX_BODY);
    }

    /** The body as a customer reads it with these values; null when the text is not known. */
    String render(Map<String, String> values) {
      return text == null ? null : fill(text, values);
    }

    private static String fill(String text, Map<String, String> values) {
      return PLACEHOLDER
          .matcher(text)
          .replaceAll(
              m ->
                  java.util.regex.Matcher.quoteReplacement(
                      values.getOrDefault(m.group(1), m.group())));
    }
  }

  /**
   * When a campaign may send.
   *
   * @param startAt the first send, ISO-8601 ({@code 2026-12-10T18:00:00Z}); now when absent
   * @param quietFrom quiet hours start, {@code HH:mm} in the restaurant's time zone (e.g. 21:00)
   * @param quietTo quiet hours end (e.g. 09:00); both or neither
   */
  public record Schedule(String startAt, String quietFrom, String quietTo) {

    public Schedule {
      if (startAt != null && !startAt.isBlank()) {
        try {
          Instant.parse(startAt.strip());
        } catch (DateTimeParseException e) {
          throw new IllegalArgumentException(
              "schedule.startAt must be an ISO-8601 instant such as 2026-12-10T18:00:00Z");
        }
      }
      if ((quietFrom == null) != (quietTo == null)) {
        throw new IllegalArgumentException("schedule.quietFrom and quietTo go together");
      }
      if (quietFrom != null) {
        time(quietFrom, "schedule.quietFrom");
        time(quietTo, "schedule.quietTo");
      }
    }

    /** The first send, or {@code now} when none was asked. */
    Instant start(Instant now) {
      return startAt == null || startAt.isBlank() ? now : Instant.parse(startAt.strip());
    }

    LocalTime from() {
      return quietFrom == null ? null : time(quietFrom, "schedule.quietFrom");
    }

    LocalTime to() {
      return quietTo == null ? null : time(quietTo, "schedule.quietTo");
    }

    private static LocalTime time(String value, String field) {
      try {
        return LocalTime.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(field + " must be a time of day, HH:mm");
      }
    }
  }

  /** Rejects what cannot be sent, with the field and the reason. */
  public CampaignDefinition {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("name is required (at most 200 characters)");
    }
    name = name.strip();
    segment = segment == null ? Segment.everyone() : segment;
    if (template == null) {
      throw new IllegalArgumentException("template is required (an approved contentSid)");
    }
    schedule = schedule == null ? new Schedule(null, null, null) : schedule;
    if (ratePerMinute == null || ratePerMinute < 1 || ratePerMinute > MAX_RATE_PER_MINUTE) {
      throw new IllegalArgumentException(
          "ratePerMinute must be between 1 and " + MAX_RATE_PER_MINUTE);
    }
  }

  private static void positive(Integer value, String field) {
    if (value != null && value < 1) {
      throw new IllegalArgumentException(field + " must be at least 1");
    }
  }
}
