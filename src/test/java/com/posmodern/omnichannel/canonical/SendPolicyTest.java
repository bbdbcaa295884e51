package com.posmodern.omnichannel.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.SendDecision;
import com.posmodern.omnichannel.canonical.reply.SendPolicy;
import com.posmodern.omnichannel.canonical.reply.TemplatePart;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The 24-hour window with a fixed clock: inside it, after 24 hours, after 7 days, a person's reply
 * and the bot's, on Meta and on WhatsApp.
 */
class SendPolicyTest {

  private static final Instant NOW = Instant.parse("2026-11-25T23:00:00Z");

  private final SendPolicy policy =
      new SendPolicy(
          CapabilityTable.load(),
          Map.of(Channel.WHATSAPP, Set.of("order_update")),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void insideTheWindowEveryChannelSendsTheBotsRepliesAsTheyAre() {
    for (Channel channel : Channel.values()) {
      assertThat(decide(channel, bot(), ago(Duration.ofHours(23).plusMinutes(59))))
          .isEqualTo(SendDecision.send());
      assertThat(decide(channel, bot(), ago(Duration.ofHours(24)))).isEqualTo(SendDecision.send());
      assertThat(decide(channel, notification(), ago(Duration.ofMinutes(5))))
          .as("a notification inside the window is plain text, not a template")
          .isEqualTo(SendDecision.send());
    }
  }

  @Test
  void after24HoursTheBotIsBlockedEverywhere() {
    for (Channel channel : Channel.values()) {
      SendDecision decision = decide(channel, bot(), ago(Duration.ofHours(24).plusSeconds(1)));
      assertThat(decision.blocked()).as(channel.id()).isTrue();
      assertThat(decision.code()).isEqualTo("OUTSIDE_WINDOW");
      assertThat(decision.reason()).contains("24 hours");
    }
  }

  @Test
  void onMetaAPersonMayAnswerUpTo7DaysWithTheHumanAgentTag() {
    for (Channel channel : List.of(Channel.MESSENGER, Channel.INSTAGRAM)) {
      assertThat(decide(channel, person(), ago(Duration.ofHours(30))))
          .isEqualTo(SendDecision.send());
      assertThat(decide(channel, person(), ago(Duration.ofDays(7)))).isEqualTo(SendDecision.send());
      SendDecision late = decide(channel, person(), ago(Duration.ofDays(7).plusMinutes(1)));
      assertThat(late.blocked()).isTrue();
      assertThat(late.code()).isEqualTo("HUMAN_AGENT_EXPIRED");
      assertThat(late.reason()).contains("7 days");
    }
  }

  @Test
  void onWhatsAppAfter24HoursEvenAPersonNeedsATemplate() {
    SendDecision decision = decide(Channel.WHATSAPP, person(), ago(Duration.ofHours(30)));
    assertThat(decision.blocked()).isTrue();
    assertThat(decision.code()).isEqualTo("OUTSIDE_WINDOW");
    assertThat(decision.reason()).contains("approved templates");
  }

  @Test
  void onWhatsAppAfter24HoursANotificationGoesOutAsItsApprovedTemplateOnly() {
    assertThat(decide(Channel.WHATSAPP, notification(), ago(Duration.ofDays(3))))
        .isEqualTo(SendDecision.sendTemplate());
    SendDecision unconfigured =
        decide(
            Channel.WHATSAPP,
            new TemplatePart("campaign_x", List.of("1"), "Promo"),
            ago(Duration.ofDays(3)));
    assertThat(unconfigured.blocked()).isTrue();
    assertThat(unconfigured.code()).isEqualTo("NO_APPROVED_TEMPLATE");
    assertThat(unconfigured.reason()).contains("'campaign_x'");
  }

  @Test
  void metaHasNoTemplatesHereSoANotificationAfterTheWindowIsBlocked() {
    assertThat(decide(Channel.MESSENGER, notification(), ago(Duration.ofDays(2))).code())
        .isEqualTo("OUTSIDE_WINDOW");
  }

  @Test
  void aCustomerWhoNeverWroteIsOutsideTheWindow() {
    SendDecision decision = decide(Channel.INSTAGRAM, bot(), null);
    assertThat(decision.blocked()).isTrue();
    assertThat(decision.reason()).contains("has not written yet");
  }

  private SendDecision decide(Channel channel, Sent sent, Instant customerLastMessageAt) {
    return policy.decide(
        new OutboundReply(
            1,
            "conversation",
            channel,
            "business",
            "customer",
            sent.part(),
            sent.humanAgent(),
            customerLastMessageAt));
  }

  private SendDecision decide(Channel channel, TemplatePart part, Instant last) {
    return decide(channel, new Sent(part, false), last);
  }

  private record Sent(ReplyPart part, boolean humanAgent) {}

  private static Sent bot() {
    return new Sent(new TextPart("Seu pedido está pronto"), false);
  }

  private static Sent person() {
    return new Sent(new TextPart("Oi, aqui é a Ana"), true);
  }

  private static Sent notification() {
    String text = "Pedido 42 saiu para entrega";
    return new Sent(new TemplatePart("order_update", List.of("42", text), text), false);
  }

  private static Instant ago(Duration duration) {
    return NOW.minus(duration);
  }
}
