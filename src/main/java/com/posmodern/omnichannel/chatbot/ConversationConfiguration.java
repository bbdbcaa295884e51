package com.posmodern.omnichannel.chatbot;

import com.posmodern.omnichannel.marketing.MarketingRecorder;
import com.posmodern.omnichannel.payment.PaymentProvider;
import com.posmodern.omnichannel.payment.PixCharges;
import com.posmodern.omnichannel.pos.catalog.MenuSource;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import java.time.Clock;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the conversation: each step handler with the few collaborators it needs, and the engine
 * that dispatches to them.
 */
@Configuration(proxyBeanMethods = false)
class ConversationConfiguration {

  /** The bean the chatbot-consume routes call. */
  @Bean
  Chatbots chatbots(List<BaseChatbotService> services) {
    return new Chatbots(services);
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
      List<StepHandler> steps) {
    HandOver handOver = new HandOver();
    GlobalIntents intents =
        new GlobalIntents(
            prompts,
            consent,
            handOver,
            menuSteps,
            cart,
            checkout,
            new OrderFollowUp(orders, prompts, cart));
    return new ConversationEngine(
        menu,
        texts,
        prompts,
        consent,
        intents,
        steps,
        new TypedOrders(menuSteps, cart),
        new Fallback(handOver, settings.handoffAfterMisunderstandings()));
  }
}
