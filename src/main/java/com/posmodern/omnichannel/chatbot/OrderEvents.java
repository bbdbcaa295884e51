package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.reply.Choice;
import com.posmodern.omnichannel.canonical.reply.ChoicesPart;
import com.posmodern.omnichannel.canonical.reply.OutboundReply;
import com.posmodern.omnichannel.canonical.reply.ReplyPart;
import com.posmodern.omnichannel.canonical.reply.TemplatePart;
import com.posmodern.omnichannel.chatbot.ConversationState.Step;
import com.posmodern.omnichannel.marketing.MarketingRecorder;
import com.posmodern.omnichannel.pos.catalog.MenuSource;
import com.posmodern.omnichannel.pos.orders.Order;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import com.posmodern.omnichannel.pos.orders.OrderStatus;
import com.posmodern.omnichannel.pos.orders.PosOrderEvent;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies order events (the POS's status changes, payment confirmations) exactly once and tells the
 * customer on the channel they ordered from; after delivery it asks for a rating. Called by the
 * {@code pos-order-events} route; the event, the order change, the conversation change and the
 * notification are committed together.
 */
public class OrderEvents {

  private static final Logger log = LoggerFactory.getLogger(OrderEvents.class);

  /** The template use order notifications go out under outside the messaging window. */
  public static final String ORDER_UPDATE_TEMPLATE = "order_update";

  private final TransactionTemplate transactions;
  private final ConversationStore conversations;
  private final ConversationLog conversationLog;
  private final Outbox outbox;
  private final MessageSource messages;
  private final OrderBook orders;
  private final Clock clock;
  private final MarketingRecorder marketing;
  private final ConsentLedger consent;
  private final MenuSource menu;

  public OrderEvents(
      TransactionTemplate transactions,
      ConversationStore conversations,
      ConversationLog conversationLog,
      Outbox outbox,
      MessageSource messages,
      OrderBook orders,
      Clock clock,
      MarketingRecorder marketing,
      ConsentLedger consent,
      MenuSource menu) {
    this.consent = consent;
    this.menu = menu;
    this.transactions = transactions;
    this.conversations = conversations;
    this.conversationLog = conversationLog;
    this.outbox = outbox;
    this.messages = messages;
    this.orders = orders;
    this.clock = clock;
    this.marketing = marketing;
  }

  /**
   * Applies one event; returns the notification to send (nothing for a repeated or stale event).
   */
  public List<OutboundReply> apply(@Body PosOrderEvent event) {
    PosOrderEvent valid = event.validated();
    return transactions.execute(
        status -> {
          if (!orders.recordEvent(valid.eventId(), valid.orderId(), valid.status())) {
            log.info("Order {}: event {} already applied", valid.orderId(), valid.eventId());
            return List.of();
          }
          boolean paid = PosOrderEvent.PAID.equals(valid.status());
          Optional<Order> changed =
              paid
                  ? orders.markPaid(valid.orderId(), valid.reference())
                  : orders.applyStatus(
                      valid.orderId(), OrderStatus.fromId(valid.status()), valid.etaMinutes());
          if (changed.isEmpty()) {
            log.info(
                "Order {}: event {} ({}) changes nothing",
                valid.orderId(),
                valid.eventId(),
                valid.status());
            return List.of();
          }
          Order order = changed.get();
          Optional<Conversation> found = conversations.findForUpdate(order.conversationId());
          if (found.isEmpty()) {
            return List.of();
          }
          Conversation conversation = found.get();
          Texts texts = new Texts(messages, conversation.locale());
          List<ReplyPart> parts = new ArrayList<>();
          ConversationState state = conversation.state();
          if (paid) {
            parts.add(orderUpdate(order, texts.get("notify.paid", order.id())));
            marketing.record(
                ChatbotService.marketingContext(
                    conversation, "pos:" + valid.eventId(), clock.instant()),
                List.of(ConversationSignals.purchase(order)));
            // Marketing consent is asked once the payment step is complete (cash: when placed),
            // unless the customer is answering another question meanwhile.
            if ((state.step() == Step.ORDERED || state.step() == Step.BROWSING)
                && consent.undecided(conversation.id())) {
              List<Choice> choices = ConsentSteps.choices(texts);
              parts.add(
                  new ChoicesPart(
                      texts.get("consent.question", menu.current().restaurant().name()), choices));
              state = state.at(Step.CONSENT, choices.stream().map(Choice::payload).toList());
            }
          } else {
            // Only an estimate the POS sent with this event: the same one at every status reads
            // as if nothing changed.
            String eta =
                valid.etaMinutes() == null ? "" : texts.get("track.eta", valid.etaMinutes());
            String reason = valid.reason() == null ? "" : valid.reason();
            parts.add(
                orderUpdate(
                    order, texts.get("notify." + order.status().id(), order.id(), eta, reason)));
            if (order.status() == OrderStatus.DELIVERED && state.step() != Step.HUMAN) {
              List<Choice> stars = FeedbackSteps.ratingChoices();
              parts.add(new ChoicesPart(texts.get("feedback.rating.question"), stars));
              state =
                  state
                      .at(Step.RATING, stars.stream().map(Choice::payload).toList())
                      .withOrder(order.id());
            }
          }
          conversations.saveState(conversation.withState(state));
          conversationLog.outbound(conversation.id(), "bot", parts);
          log.info("Order {}: {} → customer notified", order.id(), valid.status());
          return outbox.add("pos:" + valid.eventId(), conversation, parts, false);
        });
  }

  /**
   * An order notification: plain text inside the customer's messaging window, and outside it the
   * approved template configured for {@value #ORDER_UPDATE_TEMPLATE} where the channel takes one
   * (placeholders: the order number, then the notification).
   */
  private static TemplatePart orderUpdate(Order order, String text) {
    return new TemplatePart(ORDER_UPDATE_TEMPLATE, List.of(order.id(), text), text);
  }
}
