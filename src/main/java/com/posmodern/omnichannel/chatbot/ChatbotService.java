package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.LogMask;
import com.posmodern.omnichannel.canonical.MessageKind;
import com.posmodern.omnichannel.canonical.Sender;
import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import com.posmodern.omnichannel.chatbot.ConversationState.Burst;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.MarketingContext;
import com.posmodern.omnichannel.marketing.MarketingEvent.CustomerData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The conversation on one channel: takes one canonical message, changes the conversation exactly
 * once (the message id, the new state, the order and the replies are committed together), and
 * returns the channel-neutral replies to send. {@link Chatbots} holds one per channel edge; it
 * knows the channel only through its {@link ChannelCapabilities}.
 */
public final class ChatbotService {

  private static final Logger log = LoggerFactory.getLogger(ChatbotService.class);

  private final ChannelCapabilities capabilities;
  private final ChatbotDependencies deps;
  private final ConversationEngine engine;

  public ChatbotService(
      ChannelCapabilities capabilities, ChatbotDependencies deps, ConversationEngine engine) {
    this.capabilities = capabilities;
    this.deps = deps;
    this.engine = engine;
  }

  /** The channel this service converses on. */
  public Channel channel() {
    return capabilities.channel();
  }

  /** What the channel can show. */
  public ChannelCapabilities capabilities() {
    return capabilities;
  }

  /**
   * Answers a conversation's burst of typed messages once its window has passed (the burst-flush
   * route calls this through {@link BurstTurns}); nothing when another instance answered it or more
   * messages came meanwhile.
   */
  public List<OutboundReply> answerBurstIfDue(String conversationId) {
    try (MDC.MDCCloseable conversation = LogMask.scope(conversationId)) {
      return answerBurstInScope(conversationId);
    }
  }

  private List<OutboundReply> answerBurstInScope(String conversationId) {
    return deps.transactions()
        .execute(
            status -> {
              Conversation conversation =
                  deps.conversations().findForUpdate(conversationId).orElse(null);
              if (conversation == null
                  || conversation.state().burst() == null
                  || conversation.state().burst().due().isAfter(deps.clock().instant())) {
                return List.of();
              }
              Turn turn = answerBurst(conversation);
              deps.conversations().saveState(turn.conversation());
              return turn.sent();
            });
  }

  /**
   * Answers the typed messages kept in the conversation's burst as one turn; the turn's
   * conversation has none.
   */
  private Turn answerBurst(Conversation conversation) {
    Burst burst = conversation.state().burst();
    Conversation cleared = conversation.withState(conversation.state().withBurst(null));
    CanonicalMessage combined =
        new CanonicalMessage(
            CanonicalMessage.SCHEMA_VERSION,
            burst.id(),
            channel(),
            conversation.id(),
            conversation.businessId(),
            new Sender(
                conversation.customerId(),
                conversation.customerName(),
                conversation.customerPhone()),
            MessageKind.TEXT,
            String.join("\n", burst.texts()),
            null,
            List.of(),
            null,
            List.of(),
            0);
    Turn turn = engine.converse(cleared, combined, burst.firstContact(), capabilities);
    deps.log().outbound(conversation.id(), "bot", turn.replies());
    recordMarketing(turn, burst.id());
    log.info(
        "{} message(s) answered as one turn → step {}",
        burst.texts().size(),
        turn.conversation().state().step());
    return turn.withSent(deps.outbox().add(burst.id(), turn.conversation(), turn.replies(), false));
  }

  /** Records the turn's marketing moments as events (same transaction as the turn). */
  private void recordMarketing(Turn turn, String sourceMessageId) {
    if (!turn.signals().isEmpty()) {
      deps.marketing()
          .record(
              marketingContext(turn.conversation(), sourceMessageId, deps.clock().instant()),
              turn.signals());
    }
  }

  /**
   * The conversation as a marketing context: the customer as the checkout knows them (else as the
   * platform names them), the conversation id as the restaurant's own customer id.
   */
  static MarketingContext marketingContext(
      Conversation conversation, String sourceMessageId, Instant at) {
    Checkout checkout = conversation.state().checkout();
    String name =
        checkout != null && checkout.name() != null && !checkout.name().isBlank()
            ? checkout.name()
            : conversation.customerName();
    String firstName = null;
    String lastName = null;
    if (name != null && !name.isBlank()) {
      String[] words = name.strip().split("\\s+", 2);
      firstName = words[0];
      lastName = words.length > 1 ? words[1] : null;
    }
    String phone =
        conversation.customerPhone() != null && !conversation.customerPhone().isBlank()
            ? conversation.customerPhone()
            : checkout == null ? null : checkout.phone();
    CustomerData customer =
        new CustomerData(
            null,
            phone,
            firstName,
            lastName,
            null,
            null,
            null,
            null,
            checkout == null ? null : checkout.cep(),
            null,
            conversation.id());
    return new MarketingContext(
        conversation.id(),
        conversation.channel(),
        conversation.businessId(),
        conversation.customerId(),
        customer,
        sourceMessageId,
        at);
  }

  /**
   * Processes one message and returns the replies to send now: the new ones, or, when the message
   * was already processed (an SQS redelivery), those of its replies still unsent. Never answers
   * echoes; while a person is handling the conversation it records the message and stays silent.
   * Delivery reports are not messages of the conversation: the route sends them to {@link
   * DeliveryReports}.
   */
  public List<OutboundReply> handle(@Body CanonicalMessage message) {
    try (MDC.MDCCloseable conversation = LogMask.scope(message.conversationId())) {
      return process(message);
    }
  }

  private List<OutboundReply> process(CanonicalMessage message) {
    if (message.channel() != channel()) {
      throw new IllegalArgumentException(
          "A " + message.channel().id() + " message reached the " + channel().id() + " chatbot");
    }
    if (message.kind().statusReport()) {
      throw new IllegalArgumentException(
          "A " + message.kind() + " report is for DeliveryReports, not the chatbot");
    }
    return deps.transactions()
        .execute(
            status -> {
              if (!deps.processedMessages().claim(message)) {
                List<OutboundReply> unsent = deps.outbox().pending(message.messageId());
                log.info(
                    "message {} already processed; {} reply(ies) still to send",
                    message.messageId(),
                    unsent.size());
                return unsent;
              }
              if (!message.kind().answerable()) {
                log.debug("{} event recorded, not answered", message.kind());
                return List.of();
              }
              Conversation conversation = deps.conversations().findOrStartForUpdate(message);
              deps.log().inbound(conversation.id(), message);
              deps.marketing()
                  .noteReferral(conversation.id(), message.referral(), deps.clock().instant());
              ConversationState state = conversation.state();
              long window = deps.settings().burstWindowMs();
              if (window > 0
                  && message.kind() == MessageKind.TEXT
                  && state.step() != Step.HUMAN
                  && message.text() != null) {
                // More may follow within the window: keep it, answer the burst as one turn
                // (burst-flush route).
                Instant due = deps.clock().instant().plusMillis(window);
                Burst burst =
                    state.burst() == null
                        ? new Burst(
                            "burst:" + message.messageId(),
                            List.of(message.text()),
                            due,
                            conversation.isNew())
                        : state.burst().plus(message.text(), due);
                deps.conversations()
                    .saveAfterInbound(conversation.withState(state.withBurst(burst)));
                return List.of();
              }
              List<OutboundReply> replies = new ArrayList<>();
              if (state.burst() != null) {
                // A tap after typed messages: the typed ones are answered first.
                Turn burstTurn = answerBurst(conversation);
                replies.addAll(burstTurn.sent());
                conversation = burstTurn.conversation();
              }
              Turn turn = engine.converse(conversation, message, capabilities);
              deps.conversations().saveAfterInbound(turn.conversation());
              deps.log().outbound(conversation.id(), "bot", turn.replies());
              recordMarketing(turn, message.messageId());
              log.info(
                  "{} {} processed → step {}, {} reply part(s)",
                  message.kind(),
                  message.messageId(),
                  turn.conversation().state().step(),
                  turn.replies().size());
              replies.addAll(
                  deps.outbox()
                      .add(message.messageId(), turn.conversation(), turn.replies(), false));
              return replies;
            });
  }
}
