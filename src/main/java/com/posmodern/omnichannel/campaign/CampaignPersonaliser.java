package com.posmodern.omnichannel.campaign;

import com.posmodern.omnichannel.pos.catalog.Menu;
import com.posmodern.omnichannel.pos.catalog.MenuSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fills a campaign template's variables for one customer, when the campaign asks for it: the {@link
 * CampaignWriter} (Claude) writes them from the customer's orders, and nothing it writes reaches
 * the customer unchecked. Each value must be a variable the template has, not blank, within the
 * variable's length limit, and a valid WhatsApp template parameter: no line breaks or tabs and no
 * more than four spaces in a row (WhatsApp Cloud API error 132018), no placeholder and no link or
 * domain (links come only from the approved template); and it may not hold an amount, a price, a
 * percentage or an offer word the approved text and defaults do not already hold (only the
 * restaurant makes offers). The filled-in body must stay within WhatsApp's 1,024 characters (Twilio
 * error 63021). When AI is off, slow, throttled or writes anything else, the customer gets the
 * template's plain default variables; the outcome is recorded per recipient and counted as {@code
 * omnichannel_campaign_personalisation_total{outcome}}.
 */
public class CampaignPersonaliser {

  /** The variables were written by the AI and passed every check. */
  static final String AI = "ai";

  private static final Logger log = LoggerFactory.getLogger(CampaignPersonaliser.class);
  private static final Pattern NOT_A_PARAMETER =
      Pattern.compile(
          "[\\n\\r\\t]| {5}|\\{\\{|https?://|www\\.|\\b[\\p{L}0-9-]+\\.[a-z]{2,}\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * What only the restaurant may promise: prices, amounts, percentages and offers. A written value
   * may hold one only when the approved text or the default values already say it.
   */
  private static final Pattern OFFER =
      Pattern.compile(
          "(?i)R\\$|US\\$|€|\\$|\\d+|%|\\breais\\b|\\bdesconto\\b|\\bdiscount\\b|\\bgr[aá]tis\\b"
              + "|\\bgratuit[oa]s?\\b|\\bfree\\b|\\bcupom\\b|\\bcoupon\\b|\\bpromo[cç][aã]o\\b|\\boff\\b");

  /** What a customer gets: the values and how they were chosen. */
  public record Personalised(Map<String, String> variables, String outcome) {

    /** Whether the AI's values are used. */
    public boolean byAi() {
      return AI.equals(outcome);
    }
  }

  private final CampaignWriter writer;
  private final Audience audience;
  private final JdbcClient jdbc;
  private final MenuSource menu;
  private final MeterRegistry meters;
  private final Clock clock;

  public CampaignPersonaliser(
      CampaignWriter writer,
      Audience audience,
      JdbcClient jdbc,
      MenuSource menu,
      MeterRegistry meters,
      Clock clock) {
    this.writer = writer;
    this.audience = audience;
    this.jdbc = jdbc;
    this.menu = menu;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * The campaign-send route's step: the message with this customer's variables. It never fails the
   * send: the message is claimed already, and whatever goes wrong here sends the defaults.
   */
  public CampaignMessage personalise(@Body CampaignMessage message) {
    if (message == null || !message.personalise()) {
      return message;
    }
    Personalised personalised =
        personalise(message.conversationId(), message.campaignName(), message.template(), true);
    return message.personalised(personalised.variables(), personalised.outcome());
  }

  /**
   * This customer's values for the template, checked; the defaults when there are none.
   *
   * @param counted whether the outcome counts in the metrics (a dry run's samples do not)
   */
  public Personalised personalise(
      String conversationId,
      String campaignName,
      CampaignDefinition.Template template,
      boolean counted) {
    if (template.variables().isEmpty()) {
      return new Personalised(template.variables(), null); // nothing to write
    }
    String refusal;
    CampaignWriter.Draft draft = null;
    if (writer == CampaignWriter.OFF) {
      refusal = "off";
    } else {
      try {
        draft = writer.write(brief(conversationId, campaignName, template));
        refusal = draft.failure() != null ? draft.failure() : refusal(template, draft.variables());
      } catch (RuntimeException e) {
        log.warn("Campaign personalisation failed, the defaults go out: {}", e.toString());
        refusal = "error";
      }
    }
    if (refusal != null) {
      count(counted, refusal);
      return new Personalised(template.variables(), "default:" + refusal);
    }
    Map<String, String> values = new HashMap<>(template.variables());
    draft.variables().forEach((key, value) -> values.put(key, value.strip()));
    count(counted, AI);
    return new Personalised(Map.copyOf(values), AI);
  }

  private void count(boolean counted, String outcome) {
    if (counted) {
      meters.counter("omnichannel.campaign.personalisation", "outcome", outcome).increment();
    }
  }

  /**
   * Why the written values cannot be sent ({@code over-limit}, {@code offer} or {@code invalid}),
   * or null when they can.
   */
  static String refusal(CampaignDefinition.Template template, Map<String, String> written) {
    if (written == null || written.isEmpty()) {
      return "invalid";
    }
    for (Map.Entry<String, String> value : written.entrySet()) {
      String text = value.getValue() == null ? "" : value.getValue().strip();
      if (!template.variables().containsKey(value.getKey())) {
        log.warn(
            "Campaign personalisation refused: the template has no variable {}", value.getKey());
        return "invalid";
      }
      if (text.isEmpty() || NOT_A_PARAMETER.matcher(text).find()) {
        log.warn(
            "Campaign personalisation refused: variable {} is not a valid WhatsApp parameter",
            value.getKey());
        return "invalid";
      }
      if (promisesMore(template, text)) {
        log.warn(
            "Campaign personalisation refused: variable {} holds a price or an offer the template"
                + " does not make",
            value.getKey());
        return "offer";
      }
      if (text.length() > template.maxLength(value.getKey())) {
        log.warn(
            "Campaign personalisation refused: variable {} has {} characters, its limit is {}",
            value.getKey(),
            text.length(),
            template.maxLength(value.getKey()));
        return "over-limit";
      }
    }
    Map<String, String> values = new HashMap<>(template.variables());
    values.putAll(written);
    String body = template.render(values);
    if (body != null && body.length() > CampaignDefinition.Template.MAX_BODY) {
      log.warn(
          "Campaign personalisation refused: the body would have {} characters", body.length());
      return "over-limit";
    }
    return null;
  }

  /** Whether the value names an amount or an offer the approved text and defaults do not. */
  private static boolean promisesMore(CampaignDefinition.Template template, String text) {
    String approved =
        ((template.text() == null ? "" : template.text().replaceAll("\\{\\{[^}]*}}", " "))
                + " "
                + String.join(" ", template.variables().values()))
            .toLowerCase(Locale.ROOT);
    var offers = OFFER.matcher(text);
    while (offers.find()) {
      if (!approved.contains(offers.group().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private CampaignWriter.Brief brief(
      String conversationId, String campaignName, CampaignDefinition.Template template) {
    Customer customer =
        jdbc.sql("select customer_name, locale from conversation where id = ?")
            .param(conversationId)
            .query((rs, row) -> new Customer(rs.getString(1), rs.getString(2)))
            .optional()
            .orElse(new Customer(null, "pt-BR"));
    Audience.Stats stats = audience.profile(conversationId);
    return new CampaignWriter.Brief(
        campaignName,
        template.text(),
        template.variables(),
        maxLengths(template),
        firstName(customer.name()),
        stats.orders(),
        stats.lastOrderAt() == null
            ? null
            : Duration.between(stats.lastOrderAt(), clock.instant()).toDays(),
        categoryName(stats.favouriteCategory()),
        stats.usualItem(),
        customer.locale());
  }

  private static Map<String, Integer> maxLengths(CampaignDefinition.Template template) {
    Map<String, Integer> limits = new HashMap<>();
    template.variables().keySet().forEach(key -> limits.put(key, template.maxLength(key)));
    return limits;
  }

  /**
   * Only the first name, as the customer's WhatsApp profile gives it (never the phone), and only
   * when it looks like a name: the customer writes their profile name, so anything else (digits,
   * symbols, instructions run together) is not passed on.
   */
  static String firstName(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String first = name.strip().split("\\s+")[0];
    // Letters (with ' and -), at most 20, not words run together in camel case.
    return first.matches("(?!.*\\p{Ll}\\p{Lu})\\p{L}[\\p{L}'’-]{0,19}") ? first : null;
  }

  private String categoryName(String categoryId) {
    if (categoryId == null) {
      return null;
    }
    return menu.current().categories().stream()
        .filter(c -> c.id().equals(categoryId))
        .map(Menu.Category::name)
        .findFirst()
        .orElse(categoryId.toLowerCase(Locale.ROOT));
  }

  private record Customer(String name, String locale) {}
}
