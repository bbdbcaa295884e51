package com.posmodern.omnichannel.validation;

import com.posmodern.omnichannel.ai.BedrockProbe;
import com.posmodern.omnichannel.canonical.CapabilityTable;
import com.posmodern.omnichannel.marketing.MarketingIntegration;
import com.posmodern.omnichannel.payment.PaymentProperties;
import com.posmodern.omnichannel.platform.sqs.SqsProperties;
import com.posmodern.omnichannel.platform.web.PublicUrls;
import com.posmodern.omnichannel.platform.web.SandboxLocation;
import com.posmodern.omnichannel.privacy.PersonalData;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.IntConsumer;
import org.flywaydb.core.Flyway;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The OmnichannelValidator, its checks, and the {@code validate} command. */
@Configuration(proxyBeanMethods = false)
class ValidationConfiguration {

  @Bean
  OmnichannelValidator omnichannelValidator(
      List<ChannelChecks> channels,
      PaymentProperties payment,
      List<MarketingIntegration> marketingIntegrations,
      SqsClient sqs,
      SqsProperties sqsProperties,
      JdbcClient jdbc,
      Flyway flyway,
      CapabilityTable capabilities,
      PersonalData personalData,
      SandboxLocation local,
      PublicUrls publicUrls,
      ValidatorProperties settings,
      BedrockProbe bedrock,
      Clock clock) {
    return new OmnichannelValidator(
        new IntegrationChecks(
            new IntegrationChecks.Subjects(
                channels,
                payment,
                marketingIntegrations,
                sqs,
                sqsProperties,
                jdbc,
                flyway,
                capabilities,
                personalData,
                local,
                publicUrls,
                settings,
                bedrock,
                clock)),
        Path.of(settings.resultsDir()),
        clock);
  }

  /** How the validate command ends the process: the application's shutdown, then its exit code. */
  @Bean
  IntConsumer validatorExit(ApplicationContext context) {
    return code -> System.exit(SpringApplication.exit(context, () -> code));
  }

  @Bean
  ValidatorCommand validatorCommand(OmnichannelValidator validator, IntConsumer validatorExit) {
    return new ValidatorCommand(validator, validatorExit);
  }
}
