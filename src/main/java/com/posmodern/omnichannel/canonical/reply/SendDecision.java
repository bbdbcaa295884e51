package com.posmodern.omnichannel.canonical.reply;

/**
 * What the send policy allows for one reply: send it as it is, send it as its approved template, or
 * do not send it (with a code and a reason an operator can read).
 *
 * @param blocked the reply must not be sent
 * @param asTemplate the reply goes out as the approved template of its {@code TemplatePart}
 * @param code why it is blocked ({@code OUTSIDE_WINDOW}, {@code HUMAN_AGENT_EXPIRED}, {@code
 *     NO_APPROVED_TEMPLATE}); null when allowed
 * @param reason the same, in words
 */
public record SendDecision(boolean blocked, boolean asTemplate, String code, String reason) {

  /** Exchange property the reply routes keep the decision in. */
  public static final String PROPERTY = "sendDecision";

  public static SendDecision send() {
    return new SendDecision(false, false, null, null);
  }

  public static SendDecision sendTemplate() {
    return new SendDecision(false, true, null, null);
  }

  public static SendDecision block(String code, String reason) {
    return new SendDecision(true, false, code, reason);
  }
}
