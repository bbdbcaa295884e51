package com.posmodern.omnichannel.canonical.reply;

import java.util.List;

/**
 * A notification the business starts (an order update, a campaign), which may have to go out as a
 * pre-approved template when the customer's messaging window is closed. Inside the window every
 * channel sends {@code text}; outside it, a channel whose platform accepts templates sends the
 * template configured for {@code template} with {@code variables} as its placeholders {{1}}, {{2}},
 * … (WhatsApp: a Content API template, https://www.twilio.com/docs/content).
 *
 * @param template the use the template serves ({@code order_update}); how each channel knows which
 *     approved template that is
 * @param variables the placeholder values, in order
 * @param text the same message in free form
 */
public record TemplatePart(String template, List<String> variables, String text)
    implements ReplyPart {

  public TemplatePart {
    variables = List.copyOf(variables);
  }
}
