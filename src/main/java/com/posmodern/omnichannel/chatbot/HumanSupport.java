package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.Attachment;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.SendDecision;
import com.posmodern.omnichannel.canonical.reply.SendPolicy;
import com.posmodern.omnichannel.canonical.reply.TextPart;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.pos.catalog.MenuSource;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What people do with handed-over conversations (the agent API calls it): list those waiting, read
 * their history, answer as a person (within the platforms' human-agent window), and hand the
 * conversation back to the bot.
 */
public class HumanSupport {

  /**
   * A conversation handed over to a person.
   *
   * @param status {@code waiting} (no person has answered since the hand-over, or the customer
   *     wrote after the last answer) or {@code answered}
   * @param waitingSince since when the customer waits (the hand-over, or their message after the
   *     last answer); null when answered
   * @param window whether a person may answer now: {@code open} (the standard window), {@code
   *     human_agent} (after it, within the platform's longer window for people) or {@code closed}
   * @param standardUntil when the standard window closes (24 hours after the customer's last
   *     message)
   * @param humanAgentUntil when a person's window closes, on platforms that have one (Messenger and
   *     Instagram: 7 days); null elsewhere
   * @param lastEntryId the latest history entry's id (it changes whenever the history does)
   */
  public record Waiting(
      String conversationId,
      String channel,
      String customerName,
      String lastInboundAt,
      String handedOverAt,
      String status,
      String waitingSince,
      String window,
      String standardUntil,
      String humanAgentUntil,
      long lastEntryId) {}

  /**
   * The request cannot be done for this conversation (not found, not handed over, window closed).
   */
  public static class HandoffException extends RuntimeException {
    private final int status;
    private final String code;

    HandoffException(int status, String message) {
      this(status, null, message);
    }

    HandoffException(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }

    public int status() {
      return status;
    }

    /**
     * Why a send was refused, as the send policy names it (e.g. OUTSIDE_WINDOW); null otherwise.
     */
    public String code() {
      return code;
    }
  }

  private final TransactionTemplate transactions;
  private final ConversationStore conversations;
  private final ConversationLog conversationLog;
  private final Outbox outbox;
  private final MenuSource menu;
  private final MessageSource messages;
  private final SendPolicy sendPolicy;

  public HumanSupport(
      TransactionTemplate transactions,
      ConversationStore conversations,
      ConversationLog conversationLog,
      Outbox outbox,
      MenuSource menu,
      MessageSource messages,
      SendPolicy sendPolicy) {
    this.transactions = transactions;
    this.conversations = conversations;
    this.conversationLog = conversationLog;
    this.outbox = outbox;
    this.menu = menu;
    this.messages = messages;
    this.sendPolicy = sendPolicy;
  }

  /** Conversations handed over: those waiting first (longest waiting first), then the answered. */
  public List<Waiting> waiting() {
    return conversations.handedOver().stream()
        .map(this::waiting)
        .sorted(
            Comparator.comparing((Waiting w) -> !w.status().equals("waiting"))
                .thenComparing(w -> w.waitingSince() == null ? "" : w.waitingSince()))
        .toList();
  }

  private Waiting waiting(ConversationStore.HandedOver handedOver) {
    Conversation c = handedOver.conversation();
    SendPolicy.HumanWindow window = sendPolicy.humanWindow(c.channel(), c.lastInboundAt());
    Instant answered = handedOver.lastAgentReplyAt();
    Instant customer = handedOver.lastCustomerMessageAt();
    boolean waiting = answered == null || (customer != null && customer.isAfter(answered));
    Instant since = answered == null ? handedOver.since() : customer;
    return new Waiting(
        c.id(),
        c.channel().id(),
        c.customerName(),
        text(c.lastInboundAt()),
        text(handedOver.since()),
        waiting ? "waiting" : "answered",
        waiting ? text(since) : null,
        window.state(),
        text(window.standardUntil()),
        text(window.humanAgentUntil()),
        handedOver.lastEntryId());
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** The latest history of a conversation, oldest first. */
  public List<ConversationLog.Entry> history(String conversationId) {
    conversations
        .find(conversationId)
        .orElseThrow(() -> new HandoffException(404, "no conversation " + conversationId));
    return conversationLog.history(conversationId, 100);
  }

  /**
   * An attachment of a customer's message, with the channel it came through (to fetch it from that
   * platform).
   */
  public record AttachmentRef(Channel channel, Attachment attachment) {}

  /** The {@code index}-th attachment of one history entry. */
  public AttachmentRef attachment(String conversationId, long entryId, int index) {
    Conversation conversation =
        conversations
            .find(conversationId)
            .orElseThrow(() -> new HandoffException(404, "no conversation " + conversationId));
    List<Attachment> attachments =
        conversationLog
            .entry(conversationId, entryId)
            .orElseThrow(() -> new HandoffException(404, "no message " + entryId))
            .attachments();
    if (index < 0 || index >= attachments.size() || attachments.get(index).url() == null) {
      throw new HandoffException(404, "message " + entryId + " has no attachment " + index);
    }
    return new AttachmentRef(conversation.channel(), attachments.get(index));
  }

  /**
   * A person's reply; returns it for sending. Only for handed-over conversations, within the reply
   * window.
   */
  public List<OutboundReply> reply(String conversationId, String agent, String text) {
    if (text == null || text.isBlank()) {
      throw new HandoffException(400, "text is required");
    }
    return transactions.execute(
        status -> {
          Conversation conversation = handedOver(conversationId);
          List<ReplyPart> parts = List.of(new TextPart(text.strip()));
          // Refused at once when the platform would not take it, so the person knows now.
          SendDecision decision =
              sendPolicy.decideFor(
                  conversation.channel(), parts.get(0), true, conversation.lastInboundAt());
          if (decision.blocked()) {
            throw new HandoffException(409, decision.code(), decision.reason());
          }
          conversationLog.outbound(conversationId, "agent:" + agent, parts);
          return outbox.add("agent:" + UUID.randomUUID(), conversation, parts, true);
        });
  }

  /** Gives the conversation back to the bot, which tells the customer and offers the menu. */
  public List<OutboundReply> handBack(String conversationId, String agent) {
    return transactions.execute(
        status -> {
          Conversation conversation = handedOver(conversationId);
          Texts texts = new Texts(messages, conversation.locale());
          List<Choice> choices =
              menu.current().categories().stream()
                  .map(c -> new Choice(Payloads.CATEGORY + c.id(), c.name()))
                  .toList();
          List<ReplyPart> parts =
              List.of(
                  new TextPart(texts.get("human.handback")),
                  new ChoicesPart(texts.get("categories.question"), choices));
          ConversationState state =
              conversation
                  .state()
                  .at(Step.BROWSING, choices.stream().map(Choice::payload).toList())
                  .understood();
          conversations.saveState(conversation.withState(state));
          conversationLog.outbound(conversationId, "bot", parts);
          return outbox.add("handback:" + UUID.randomUUID(), conversation, parts, false);
        });
  }

  private Conversation handedOver(String conversationId) {
    Conversation conversation =
        conversations
            .findForUpdate(conversationId)
            .orElseThrow(() -> new HandoffException(404, "no conversation " + conversationId));
    if (conversation.state().step() != Step.HUMAN) {
      throw new HandoffException(
          409, "conversation " + conversationId + " is not handed over to a person");
    }
    return conversation;
  }
}
