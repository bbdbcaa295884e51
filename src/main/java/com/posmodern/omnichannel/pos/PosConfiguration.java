package com.posmodern.omnichannel.pos;

import com.posmodern.omnichannel.platform.sqs.FifoQueueWriter;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.pos.catalog.MenuSource;
import com.posmodern.omnichannel.pos.orders.OrderBook;
import com.posmodern.omnichannel.pos.orders.OrderEventsQueue;
import com.posmodern.omnichannel.pos.orders.PosOrderRelay;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The POS side: the menu, the orders, and the queues orders and their status travel on. */
@Configuration(proxyBeanMethods = false)
class PosConfiguration {

  /** The sample restaurant's menu, served in the sandbox when MENU_CATALOG is not set. */
  static final String SAMPLE_MENU = "classpath:menu/sample-menu.json";

  /**
   * The menu: MENU_CATALOG and/or the POS catalog; the sample restaurant's only while the sandbox
   * runs (a live restaurant without either is refused at start by the production posture).
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
}
