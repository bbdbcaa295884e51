package com.posmodern.omnichannel.canonical.reply;

import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Decides, before a reply leaves, whether its platform will take it: each platform lets a business
 * write freely only for a while after the customer's last message (the window in the capability
 * table). After that a person may still answer on Messenger and Instagram with the HUMAN_AGENT tag
 * (https://developers.facebook.com/docs/messenger-platform/send-messages/message-tags, 7 days), and
 * WhatsApp takes only approved templates
 * (https://www.twilio.com/docs/whatsapp/tutorial/send-whatsapp-notification-messages-templates,
 * error 63016). Anything else is not sent: the reply routes record it as blocked with the reason.
 */
public class SendPolicy {

  private final CapabilityTable capabilities;
  private final Map<Channel, Set<String>> approvedTemplates;
  private final Clock clock;

  /**
   * @param approvedTemplates per channel, the template uses ({@link TemplatePart#template()}) that
   *     have an approved template configured
   */
  public SendPolicy(
      CapabilityTable capabilities, Map<Channel, Set<String>> approvedTemplates, Clock clock) {
    this.capabilities = capabilities;
    this.approvedTemplates = Map.copyOf(approvedTemplates);
    this.clock = clock;
  }

  /** What may be done with this reply now (the reply routes ask before sending). */
  public SendDecision decide(OutboundReply reply) {
    return decideFor(
        reply.channel(), reply.part(), reply.humanAgent(), reply.customerLastMessageAt());
  }

  /**
   * What may be done now with a reply to a customer who last wrote at {@code last} (null: never).
   *
   * @param humanAgent whether a person wrote it
   */
  public SendDecision decideFor(Channel channel, ReplyPart part, boolean humanAgent, Instant last) {
    ChannelCapabilities.Window window = capabilities.of(channel).window();
    Duration since = last == null ? null : Duration.between(last, clock.instant());
    if (since != null && since.compareTo(Duration.ofHours(window.standardHours())) <= 0) {
      return SendDecision.send();
    }
    String silence =
        last == null
            ? "the customer has not written yet"
            : "the customer last wrote " + describe(since) + " ago";
    if (part instanceof TemplatePart template && window.templateOutsideWindow()) {
      if (approvedTemplates.getOrDefault(channel, Set.of()).contains(template.template())) {
        return SendDecision.sendTemplate();
      }
      return SendDecision.block(
          "NO_APPROVED_TEMPLATE",
          silence
              + "; outside the "
              + window.standardHours()
              + "-hour window "
              + channel.id()
              + " takes only an approved template, and none is configured for '"
              + template.template()
              + "'");
    }
    if (humanAgent && window.humanAgentDays() > 0) {
      if (since != null && since.compareTo(Duration.ofDays(window.humanAgentDays())) <= 0) {
        return SendDecision.send();
      }
      return SendDecision.block(
          "HUMAN_AGENT_EXPIRED",
          silence
              + "; a person may answer on "
              + channel.id()
              + " only within "
              + window.humanAgentDays()
              + " days of the customer's last message");
    }
    return SendDecision.block(
        "OUTSIDE_WINDOW",
        silence
            + "; "
            + channel.id()
            + " accepts "
            + (humanAgent ? "this" : "a bot's")
            + " message only within "
            + window.standardHours()
            + " hours of it"
            + (window.templateOutsideWindow() ? " (after that, only approved templates)" : ""));
  }

  /**
   * Where a person's reply to a customer who last wrote at {@code last} stands: {@code open} within
   * the standard window, {@code human_agent} after it while the platform's human-agent window
   * lasts, {@code closed} after both; with when each ends (null when it never opened).
   */
  public record HumanWindow(String state, Instant standardUntil, Instant humanAgentUntil) {}

  /** The window a person answering this channel's customer is in now. */
  public HumanWindow humanWindow(Channel channel, Instant last) {
    ChannelCapabilities.Window window = capabilities.of(channel).window();
    if (last == null) {
      return new HumanWindow("closed", null, null);
    }
    Instant standard = last.plus(Duration.ofHours(window.standardHours()));
    Instant human =
        window.humanAgentDays() > 0 ? last.plus(Duration.ofDays(window.humanAgentDays())) : null;
    Instant now = clock.instant();
    String state =
        !now.isAfter(standard)
            ? "open"
            : human != null && !now.isAfter(human) ? "human_agent" : "closed";
    return new HumanWindow(state, standard, human);
  }

  private static String describe(Duration since) {
    if (since.toDays() >= 2) {
      return since.toDays() + " days";
    }
    return since.toHours() + " hours";
  }
}
