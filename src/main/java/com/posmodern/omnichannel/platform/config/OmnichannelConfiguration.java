package com.posmodern.omnichannel.platform.config;

import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.canonical.Channel;
import com.posmodern.omnichannel.canonical.reply.SendPolicy;
import com.posmodern.omnichannel.channel.InboundMedia;
import com.posmodern.omnichannel.channel.instagram.InstagramIntegration;
import com.posmodern.omnichannel.channel.instagram.InstagramProperties;
import com.posmodern.omnichannel.channel.messenger.MessengerIntegration;
import com.posmodern.omnichannel.channel.messenger.MessengerProperties;
import com.posmodern.omnichannel.channel.meta.GraphApiProperties;
import com.posmodern.omnichannel.channel.whatsapp.WhatsAppContentSetup;
import com.posmodern.omnichannel.channel.whatsapp.WhatsAppIntegration;
import com.posmodern.omnichannel.channel.whatsapp.WhatsAppProperties;
import com.posmodern.omnichannel.chatbot.BaseChatbotService;
import com.posmodern.omnichannel.chatbot.BurstTurns;
import com.posmodern.omnichannel.chatbot.ChatbotDependencies;
import com.posmodern.omnichannel.chatbot.ChatbotProperties;
import com.posmodern.omnichannel.chatbot.ConversationEngine;
import com.posmodern.omnichannel.chatbot.ConversationLog;
import com.posmodern.omnichannel.chatbot.ConversationStore;
import com.posmodern.omnichannel.chatbot.HumanSupport;
import com.posmodern.omnichannel.chatbot.InstagramChatbotService;
import com.posmodern.omnichannel.chatbot.MessengerChatbotService;
import com.posmodern.omnichannel.chatbot.OrderEvents;
import com.posmodern.omnichannel.chatbot.Outbox;
import com.posmodern.omnichannel.chatbot.ProcessedMessages;
import com.posmodern.omnichannel.chatbot.WhatsAppChatbotService;
import com.posmodern.omnichannel.marketing.MarketingRecorder;
import com.posmodern.omnichannel.payment.MercadoPagoPaymentProvider;
import com.posmodern.omnichannel.payment.PaymentProperties;
import com.posmodern.omnichannel.payment.PaymentProvider;
import com.posmodern.omnichannel.payment.PaymentWebhooks;
import com.posmodern.omnichannel.payment.PixCharges;
import com.posmodern.omnichannel.payment.SandboxPaymentProvider;
import com.posmodern.omnichannel.platform.metrics.OmnichannelMetrics;
import com.posmodern.omnichannel.platform.sqs.FifoQueueWriter;
import com.posmodern.omnichannel.platform.sqs.InboundOrderGuard;
import com.posmodern.omnichannel.platform.sqs.QueueMetrics;
import com.posmodern.omnichannel.platform.sqs.SqsProperties;
import com.posmodern.omnichannel.platform.web.PublicUrls;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.platform.web.WebhookProperties;
import com.posmodern.omnichannel.pos.catalog.MenuSource;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import com.posmodern.omnichannel.pos.orders.OrderEventsQueue;
import com.posmodern.omnichannel.pos.orders.PosOrderRelay;
import com.posmodern.omnichannel.sandbox.SandboxEnabledCondition;
import com.posmodern.omnichannel.sandbox.SandboxRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Wires the message path: the three channel edges, the chatbot services (each given its channel's
 * capabilities, so the conversation never imports a channel), their stores, and the sandbox. Bean
 * names are the ones the YAML routes call.
 */
@Configuration(proxyBeanMethods = false)
class OmnichannelConfiguration {

  /** The sample restaurant's menu, served in the sandbox when MENU_CATALOG is not set. */
  static final String SAMPLE_MENU = "classpath:menu/sample-menu.json";

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  SandboxLocation sandboxLocation(Environment environment) {
    return new SandboxLocation(SandboxEnabledCondition.enabled(environment));
  }

  @Bean
  SandboxRecorder sandboxRecorder(JdbcClient jdbc, Clock clock) {
    return new SandboxRecorder(jdbc, clock);
  }

  @Bean
  CapabilityTable capabilityTable() {
    return CapabilityTable.load();
  }

  @Bean
  WhatsAppIntegration whatsAppIntegration(
      CapabilityTable capabilities,
      WhatsAppProperties properties,
      WebhookProperties webhook,
      SandboxLocation sandbox) {
    return new WhatsAppIntegration(capabilities.of(Channel.WHATSAPP), properties, webhook, sandbox);
  }

  /**
   * Where customers' media may be fetched from: Twilio's API host (Basic auth, 404 retried) and its
   * CDN, Meta's CDNs.
   */
  @Bean
  InboundMedia inboundMedia(
      WhatsAppProperties whatsApp,
      @Value("${omnichannel.whatsapp.media-retry-delay-ms:1000}") long retryDelayMs) {
    String twilioApi = URI.create(whatsApp.apiBaseUrl()).getAuthority();
    InboundMedia.Source twilio =
        new InboundMedia.Source(
            List.of("api.twilio.com", ".twilio.com", twilioApi),
            List.of(".twiliocdn.com", ".amazonaws.com"),
            whatsApp.live() ? whatsApp.accountSid() + ":" + whatsApp.authToken() : null,
            3);
    InboundMedia.Source meta =
        new InboundMedia.Source(
            List.of(".fbsbx.com", ".fbcdn.net", ".cdninstagram.com"), List.of(), null, 0);
    return new InboundMedia(
        Map.of(Channel.WHATSAPP, twilio, Channel.MESSENGER, meta, Channel.INSTAGRAM, meta),
        Duration.ofMillis(retryDelayMs));
  }

  @Bean
  WhatsAppContentSetup whatsAppContentSetup(
      CapabilityTable capabilities, WhatsAppProperties properties) {
    return new WhatsAppContentSetup(capabilities.of(Channel.WHATSAPP), properties);
  }

  /**
   * The 24-hour-window policy every reply route asks first; on WhatsApp a notification may go out
   * after the window when a content SID is configured under its template use.
   */
  @Bean
  SendPolicy sendPolicy(CapabilityTable capabilities, WhatsAppProperties whatsApp, Clock clock) {
    return new SendPolicy(
        capabilities, Map.of(Channel.WHATSAPP, whatsApp.contentSids().keySet()), clock);
  }

  @Bean
  MessengerIntegration messengerIntegration(
      CapabilityTable capabilities,
      MessengerProperties properties,
      GraphApiProperties graph,
      WebhookProperties webhook,
      SandboxLocation sandbox) {
    return new MessengerIntegration(
        capabilities.of(Channel.MESSENGER), properties, graph, webhook, sandbox);
  }

  @Bean
  InstagramIntegration instagramIntegration(
      CapabilityTable capabilities,
      InstagramProperties properties,
      GraphApiProperties graph,
      WebhookProperties webhook,
      SandboxLocation sandbox) {
    return new InstagramIntegration(
        capabilities.of(Channel.INSTAGRAM), properties, graph, webhook, sandbox);
  }

  @Bean
  InboundOrderGuard inboundOrderGuard(Clock clock, SqsProperties sqs) {
    return new InboundOrderGuard(clock, sqs.visibilityTimeout().multipliedBy(2));
  }

  /**
   * The menu: MENU_CATALOG and/or the POS catalog; the sample restaurant's only while the sandbox
   * runs (a live restaurant without either is refused by {@link ProductionPosture}).
   */
  @Bean
  MenuSource menuSource(
      @Value("${omnichannel.menu.catalog:}") String catalog,
      @Value("${omnichannel.menu.pos-catalog-url:}") String posCatalogUrl,
      ResourceLoader resources,
      SandboxLocation sandbox,
      JdbcClient jdbc,
      Clock clock) {
    Resource bundled =
        !catalog.isBlank()
            ? resources.getResource(catalog.strip())
            : sandbox.active() ? resources.getResource(SAMPLE_MENU) : null;
    return new MenuSource(bundled, posCatalogUrl, jdbc, clock);
  }

  @Bean
  PublicUrls publicUrls(WebhookProperties webhook, SandboxLocation sandbox) {
    return new PublicUrls(webhook, sandbox);
  }

  @Bean
  OrderBook orderBook(JdbcClient jdbc, Clock clock) {
    return new OrderBook(jdbc, clock);
  }

  @Bean
  PosOrderRelay posOrderRelay(JdbcClient jdbc, FifoQueueWriter posOrdersWriter, Clock clock) {
    return new PosOrderRelay(jdbc, posOrdersWriter, clock);
  }

  @Bean
  OrderEventsQueue orderEventsQueue(FifoQueueWriter posOrderEventsWriter) {
    return new OrderEventsQueue(posOrderEventsWriter);
  }

  @Bean
  PixCharges pixCharges(PaymentProperties payment, PublicUrls urls) {
    return new PixCharges(payment.pix(), urls);
  }

  /**
   * The card provider; the sandbox's checkout only while the sandbox runs ({@link
   * ProductionPosture} refuses to start otherwise).
   */
  @Bean
  PaymentProvider cardPayments(
      PaymentProperties payment, PublicUrls urls, SandboxLocation sandbox) {
    if (payment.mercadoPagoSelected()) {
      return new MercadoPagoPaymentProvider(payment.mercadoPago(), urls);
    }
    if (!sandbox.active()) {
      throw new IllegalStateException(
          "PAYMENT_PROVIDER=" + payment.cardProvider() + " needs the sandbox, which is off");
    }
    return new SandboxPaymentProvider(urls);
  }

  @Bean
  PaymentWebhooks paymentWebhooks(
      PaymentProperties payment, WebhookProperties webhook, SandboxLocation sandbox) {
    return new PaymentWebhooks(payment, webhook.publicBaseUrl(), sandbox.active());
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
  OmnichannelMetrics omnichannelMetrics(MeterRegistry registry) {
    return new OmnichannelMetrics(registry);
  }

  @Bean
  QueueMetrics queueMetrics(
      OmnichannelMetrics metrics, SqsClient sqs, SqsProperties queues, Clock clock) {
    List<String> names = new java.util.ArrayList<>(queues.inboundQueueNames());
    names.addAll(
        List.of(
            queues.inboundDeadLetterQueue(),
            queues.posOrdersQueue(),
            queues.posOrdersDeadLetterQueue(),
            queues.posOrderEventsQueue(),
            queues.posOrderEventsDeadLetterQueue()));
    return new QueueMetrics(metrics, sqs, names, clock);
  }

  @Bean
  ConversationStore conversationStore(
      JdbcClient jdbc, Clock clock, @Value("${omnichannel.default-locale}") String defaultLocale) {
    return new ConversationStore(jdbc, clock, Locale.forLanguageTag(defaultLocale));
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
      MarketingRecorder marketing) {
    return new OrderEvents(
        transactions, conversations, conversationLog, outbox, messages, orders, clock, marketing);
  }

  @Bean
  BurstTurns burstTurns(
      ConversationStore conversations, Clock clock, java.util.List<BaseChatbotService> services) {
    return new BurstTurns(conversations, clock, services);
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
  WhatsAppChatbotService whatsAppChatbotService(
      WhatsAppIntegration channel, ChatbotDependencies deps, ConversationEngine engine) {
    return new WhatsAppChatbotService(channel.capabilities(), deps, engine);
  }

  @Bean
  MessengerChatbotService messengerChatbotService(
      MessengerIntegration channel, ChatbotDependencies deps, ConversationEngine engine) {
    return new MessengerChatbotService(channel.capabilities(), deps, engine);
  }

  @Bean
  InstagramChatbotService instagramChatbotService(
      InstagramIntegration channel, ChatbotDependencies deps, ConversationEngine engine) {
    return new InstagramChatbotService(channel.capabilities(), deps, engine);
  }
}
