package com.posmodern.omnichannel.privacy;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Personal data: the consent ledger and erasure (Meta's deletion callback is wired with Meta). */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

  @Bean
  ConsentLedger consentLedger(JdbcClient jdbc, Clock clock, PrivacyProperties privacy) {
    return new ConsentLedger(
        jdbc, clock, ConsentLedger.LegalBasis.of(privacy.marketingLegalBasis()));
  }

  @Bean
  PersonalData personalData(
      JdbcClient jdbc, TransactionTemplate transactions, Clock clock, PrivacyProperties privacy) {
    return new PersonalData(jdbc, transactions, clock, privacy.retention());
  }
}
