package com.posmodern.omnichannel.campaign;

import java.util.Map;

/**
 * Writes one customer's values for a campaign template's variables: Claude on Amazon Bedrock when
 * AI is on, nobody otherwise. Whatever it writes is checked by {@link CampaignPersonaliser} before
 * a customer can see it.
 */
public interface CampaignWriter {

  /** AI is off: every customer gets the template's default variables. */
  CampaignWriter OFF = brief -> Draft.failed("off");

  /**
   * What the writer is told: the approved template and what the customer's orders say. No phone
   * number, address or order id leaves the app.
   *
   * @param campaign the campaign's name
   * @param templateText the approved body with its placeholders, or null when unknown
   * @param defaults each variable's default value
   * @param maxLengths each variable's longest value
   * @param firstName the customer's first name as their WhatsApp profile gives it, or null
   * @param orders how many orders they placed
   * @param daysSinceLastOrder days since their last order, or null when they never ordered
   * @param favouriteCategory the menu category they order most, or null
   * @param usualItem the item they order most, or null
   * @param language the customer's language tag (pt-BR, en)
   */
  record Brief(
      String campaign,
      String templateText,
      Map<String, String> defaults,
      Map<String, Integer> maxLengths,
      String firstName,
      int orders,
      Long daysSinceLastOrder,
      String favouriteCategory,
      String usualItem,
      String language) {}

  /**
   * The values written, or why there are none ({@code off}, {@code over-budget}, {@code throttled},
   * {@code timeout}, {@code error}, {@code circuit-open}, {@code no-tool}).
   */
  record Draft(Map<String, String> variables, String failure) {

    public static Draft of(Map<String, String> variables) {
      return new Draft(Map.copyOf(variables), null);
    }

    public static Draft failed(String why) {
      return new Draft(null, why);
    }
  }

  Draft write(Brief brief);
}
