package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.CanonicalMessage;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import java.util.List;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation engine every channel shares: takes one canonical message, changes the
 * conversation exactly once (the message id, the new state, the order and the replies are committed
 * together), and returns the channel-neutral replies to send. Called by the {@code chatbot-consume}
 * route through the per-channel services; it knows the channel only through its {@link
 * ChannelCapabilities}.
 */
public abstract class BaseChatbotService {

  private static final Logger log = LoggerFactory.getLogger(BaseChatbotService.class);

  private final ChannelCapabilities capabilities;
  private final ChatbotDependencies deps;
  private final ConversationEngine engine;

  protected BaseChatbotService(ChannelCapabilities capabilities, ChatbotDependencies deps) {
    this.capabilities = capabilities;
    this.deps = deps;
    this.engine =
        new ConversationEngine(deps, capabilities, deps.settings().handoffAfterMisunderstandings());
  }

  /** Guards the wiring: a per-channel service must be given its own channel's capabilities. */
  protected static ChannelCapabilities requireChannel(
      ChannelCapabilities capabilities, Channel channel) {
    if (capabilities.channel() != channel) {
      throw new IllegalArgumentException(
          "The "
              + channel.id()
              + " chatbot was given "
              + capabilities.channel().id()
              + " capabilities");
    }
    return capabilities;
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
   * Processes one message and returns the replies to send now: the new ones, or, when the message
   * was already processed (an SQS redelivery), those of its replies still unsent. Never answers
   * echoes, deliveries or reads; while a person is handling the conversation it records the message
   * and stays silent.
   */
  public List<OutboundReply> handle(@Body CanonicalMessage message) {
    if (message.channel() != channel()) {
      throw new IllegalArgumentException(
          "A " + message.channel().id() + " message reached the " + channel().id() + " chatbot");
    }
    return deps.transactions()
        .execute(
            status -> {
              if (!deps.processedMessages().claim(message)) {
                List<OutboundReply> unsent = deps.outbox().pending(message.messageId());
                log.info(
                    "[{}] message {} already processed; {} reply(ies) still to send",
                    message.conversationId(),
                    message.messageId(),
                    unsent.size());
                return unsent;
              }
              if (!message.kind().answerable()) {
                log.debug(
                    "[{}] {} event recorded, not answered",
                    message.conversationId(),
                    message.kind());
                return List.of();
              }
              Conversation conversation = deps.conversations().findOrStartForUpdate(message);
              deps.log().inbound(conversation.id(), message);
              Turn turn = engine.converse(conversation, message);
              deps.conversations().saveAfterInbound(turn.conversation());
              deps.log().outbound(conversation.id(), "bot", turn.replies());
              log.info(
                  "[{}] {} → step {}, {} reply part(s)",
                  conversation.id(),
                  message.kind(),
                  turn.conversation().state().step(),
                  turn.replies().size());
              return deps.outbox()
                  .add(message.messageId(), turn.conversation(), turn.replies(), false);
            });
  }
}
