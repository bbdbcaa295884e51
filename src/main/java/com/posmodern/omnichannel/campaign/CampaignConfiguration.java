package com.posmodern.omnichannel.campaign;

import com.posmodern.omnichannel.platform.sqs.FifoQueueWriter;
import com.posmodern.omnichannel.pos.catalog.MenuSource;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The campaign beans. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CampaignProperties.class)
class CampaignConfiguration {

  @Bean
  CampaignDispatcher campaignDispatcher(
      JdbcClient jdbc,
      FifoQueueWriter campaignSendsWriter,
      MenuSource menu,
      CampaignProperties properties,
      Clock clock) {
    return new CampaignDispatcher(jdbc, campaignSendsWriter, menu, properties, clock);
  }

  /** Twilio's delivered, read and failed reports for campaign messages. */
  @Bean
  CampaignDeliveries campaignDeliveries(
      JdbcClient jdbc, CampaignProperties properties, MeterRegistry meters, Clock clock) {
    return new CampaignDeliveries(jdbc, properties, meters, clock);
  }

  @Bean
  CampaignSender campaignSender(
      JdbcClient jdbc,
      ConsentLedger consent,
      CampaignProperties properties,
      MeterRegistry meters,
      MenuSource menu,
      CampaignDeliveries deliveries,
      Clock clock) {
    return new CampaignSender(jdbc, consent, properties, meters, menu, deliveries, clock);
  }

  @Bean
  CampaignMetrics campaignMetrics(
      JdbcClient jdbc,
      CampaignStore store,
      CampaignProperties properties,
      MeterRegistry meters,
      Clock clock) {
    return new CampaignMetrics(jdbc, store, properties, meters, clock);
  }

  /** Purchases attributed to campaigns (their Conversions API events carry the campaign). */
  @Bean
  CampaignAttribution campaignTouch(JdbcClient jdbc) {
    return new CampaignAttribution(jdbc);
  }

  @Bean
  CampaignPersonaliser campaignPersonaliser(
      CampaignWriter writer,
      Audience audience,
      JdbcClient jdbc,
      MenuSource menu,
      MeterRegistry meters,
      Clock clock) {
    return new CampaignPersonaliser(writer, audience, jdbc, menu, meters, clock);
  }

  @Bean
  Audience campaignAudience(
      JdbcClient jdbc,
      DataSource dataSource,
      PlatformTransactionManager transactions,
      ConsentLedger consent,
      MenuSource menu,
      Clock clock) {
    JdbcTemplate streaming = new JdbcTemplate(dataSource);
    streaming.setFetchSize(500);
    TransactionTemplate readOnly = new TransactionTemplate(transactions);
    readOnly.setReadOnly(true);
    return new Audience(jdbc, streaming, readOnly, consent, menu, clock);
  }

  @Bean
  CampaignStore campaignStore(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
    return new CampaignStore(jdbc, batch, clock);
  }

  @Bean
  Campaigns campaigns(
      Audience audience,
      CampaignStore store,
      CampaignPersonaliser personaliser,
      MenuSource menu,
      TransactionTemplate transactions,
      Clock clock) {
    return new Campaigns(audience, store, personaliser, menu, transactions, clock);
  }
}
