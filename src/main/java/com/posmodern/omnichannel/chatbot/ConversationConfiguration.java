package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.canonical.ChannelCapabilities;
import com.posmodern.omnichannel.canonical.reply.SendPolicy;
import com.posmodern.omnichannel.marketing.MarketingRecorder;
import com.posmodern.omnichannel.payment.PaymentProvider;
import com.posmodern.omnichannel.payment.PixCharges;
import com.posmodern.omnichannel.platform.metrics.OmnichannelMetrics;
import com.posmodern.omnichannel.pos.catalog.MenuSource;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the conversation: one chatbot per channel, its stores, each step handler with the few
 * collaborators it needs, and the engine that dispatches to them.
 */
@Configuration(proxyBeanMethods = false)
class ConversationConfiguration {

  /**
   * The bean the chatbot-consume routes call: one chatbot per channel, given what that channel can
   * show (every {@link ChannelCapabilities} bean; each channel's package declares its own).
   */
  @Bean
  Chatbots chatbots(
      List<ChannelCapabilities> channels, ChatbotDependencies deps, ConversationEngine engine) {
    return new Chatbots(channels, deps, engine);
  }

  /** The bean the chatbot-consume routes send delivery, read and failure reports to. */
  @Bean
  DeliveryReports deliveryReports(
      TransactionTemplate transactions,
      Outbox outbox,
      List<DeliveryReports.OtherMessages> otherMessages) {
    return new DeliveryReports(transactions, outbox, otherMessages);
  }

  @Bean
  ConversationStore conversationStore(
      JdbcClient jdbc, Clock clock, @Value("${omnichannel.default-locale}") String defaultLocale) {
    return new ConversationStore(jdbc, clock, Locale.forLanguageTag(defaultLocale));
  }

  @Bean
  ConversationLog conversationLog(JdbcClient jdbc, Clock clock) {
    return new ConversationLog(jdbc, clock);
  }

  @Bean
  Outbox outbox(JdbcClient jdbc, Clock clock, OmnichannelMetrics metrics) {
    return new Outbox(jdbc, clock, metrics);
  }

  @Bean
  ChatbotDependencies chatbotDependencies(
      TransactionTemplate transactions,
      JdbcClient jdbc,
      Clock clock,
      ConversationStore conversations,
      ConversationLog conversationLog,
      Outbox outbox,
      MarketingRecorder marketing,
      ChatbotProperties settings) {
    return new ChatbotDependencies(
        transactions,
        new ProcessedMessages(jdbc, clock),
        conversations,
        conversationLog,
        outbox,
        clock,
        marketing,
        settings);
  }

  @Bean
  OrderEvents orderEvents(
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
    return new OrderEvents(
        transactions,
        conversations,
        conversationLog,
        outbox,
        messages,
        orders,
        clock,
        marketing,
        consent,
        menu);
  }

  @Bean
  BurstTurns burstTurns(ConversationStore conversations, Clock clock, Chatbots chatbots) {
    return new BurstTurns(conversations, clock, chatbots);
  }

  @Bean
  HumanSupport humanSupport(
      TransactionTemplate transactions,
      ConversationStore conversations,
      ConversationLog conversationLog,
      Outbox outbox,
      MenuSource menu,
      MessageSource messages,
      SendPolicy sendPolicy) {
    return new HumanSupport(
        transactions, conversations, conversationLog, outbox, menu, messages, sendPolicy);
  }

  @Bean
  Prompts prompts() {
    return new Prompts();
  }

  @Bean
  RestaurantHours restaurantHours(Clock clock, Prompts prompts) {
    return new RestaurantHours(clock, prompts);
  }

  @Bean
  CartSteps cartSteps(Prompts prompts) {
    return new CartSteps(prompts);
  }

  @Bean
  MenuSteps menuSteps(Prompts prompts, CartSteps cart) {
    return new MenuSteps(prompts, cart);
  }

  @Bean
  PaymentSteps paymentSteps(
      OrderBook orders,
      PixCharges pix,
      PaymentProvider cardPayments,
      ConsentLedger consent,
      RestaurantHours hours,
      Prompts prompts) {
    return new PaymentSteps(orders, pix, cardPayments, consent, hours, prompts);
  }

  @Bean
  CheckoutSteps checkoutSteps(
      Prompts prompts, CartSteps cart, RestaurantHours hours, PaymentSteps payment) {
    return new CheckoutSteps(prompts, cart, hours, payment);
  }

  @Bean
  ConsentSteps consentSteps(ConsentLedger consent, MarketingRecorder marketing, Prompts prompts) {
    return new ConsentSteps(consent, marketing, prompts);
  }

  @Bean
  FeedbackSteps feedbackSteps(OrderBook orders) {
    return new FeedbackSteps(orders);
  }

  /** The engine, given every {@link StepHandler} bean: a new step's handler is one more bean. */
  @Bean
  ConversationEngine conversationEngine(
      MenuSource menu,
      MessageSource texts,
      Prompts prompts,
      ConsentSteps consent,
      MenuSteps menuSteps,
      CartSteps cart,
      CheckoutSteps checkout,
      OrderBook orders,
      ChatbotProperties settings,
      RestaurantHours hours,
      ConversationModel model,
      List<StepHandler> steps) {
    HandOver handOver = new HandOver();
    TypedOrders typedOrders = new TypedOrders(menuSteps, cart, prompts);
    GlobalIntents intents =
        new GlobalIntents(
            prompts,
            consent,
            handOver,
            menuSteps,
            cart,
            checkout,
            new OrderFollowUp(orders, prompts, cart),
            typedOrders);
    return new ConversationEngine(
        menu,
        texts,
        prompts,
        consent,
        intents,
        new Asides(new RestaurantQuestions(hours)),
        steps,
        new AiTurns(model, menuSteps, cart, prompts, handOver, hours),
        typedOrders,
        new Fallback(handOver, settings.handoffAfterMisunderstandings()));
  }
}
