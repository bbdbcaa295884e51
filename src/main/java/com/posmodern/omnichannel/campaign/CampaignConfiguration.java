package com.posmodern.omnichannel.campaign;

import com.posmodern.omnichannel.pos.catalog.MenuSource;
import com.posmodern.omnichannel.privacy.ConsentLedger;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The campaign beans. */
@Configuration(proxyBeanMethods = false)
class CampaignConfiguration {

  @Bean
  Audience campaignAudience(JdbcClient jdbc, ConsentLedger consent, MenuSource menu, Clock clock) {
    return new Audience(jdbc, consent, menu, clock);
  }

  @Bean
  CampaignStore campaignStore(JdbcClient jdbc, Clock clock) {
    return new CampaignStore(jdbc, clock);
  }

  @Bean
  Campaigns campaigns(
      Audience audience,
      CampaignStore store,
      MenuSource menu,
      TransactionTemplate transactions,
      Clock clock) {
    return new Campaigns(audience, store, menu, transactions, clock);
  }
}
