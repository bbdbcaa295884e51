package com.posmodern.omnichannel.ai;

import com.posmodern.omnichannel.campaign.CampaignWriter;
import com.posmodern.omnichannel.chatbot.ConversationModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Generative AI: the Bedrock runtime client the {@code ai-converse} route uses, and the
 * conversation's model, which is off (the deterministic reader alone, as the start-up log says)
 * while no model id or no AWS credentials are set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AiProperties.class)
public class AiConfiguration {

  private static final Logger log = LoggerFactory.getLogger(AiConfiguration.class);

  /**
   * One attempt per call, bounded by {@code BEDROCK_TIMEOUT}: a throttled or slow call is answered
   * without AI at once rather than retried while the customer waits.
   */
  @Bean(destroyMethod = "close")
  BedrockRuntimeClient bedrockRuntimeClient(AiProperties properties) {
    var builder =
        BedrockRuntimeClient.builder()
            .region(Region.of(properties.region()))
            .credentialsProvider(credentials(properties))
            .httpClientBuilder(ApacheHttpClient.builder().maxConnections(32))
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallTimeout(properties.timeout())
                    .retryStrategy(AwsRetryStrategy.doNotRetry())
                    .build());
    if (!AiProperties.blank(properties.endpoint())) {
      builder.endpointOverride(URI.create(properties.endpoint()));
    }
    return builder.build();
  }

  @Bean
  ConversationModel conversationModel(
      AiProperties properties,
      ProducerTemplate camel,
      JdbcClient jdbc,
      PlatformTransactionManager transactions,
      Clock clock,
      MeterRegistry metrics) {
    if (!properties.configured()) {
      log.info(
          "AI: off (BEDROCK_MODEL_ID is not set); typed text is read by the deterministic reader");
      return ConversationModel.OFF;
    }
    try {
      credentials(properties).resolveCredentials();
    } catch (RuntimeException e) {
      log.warn("AI: off, no AWS credentials for Bedrock ({})", e.getMessage());
      return ConversationModel.OFF;
    }
    log.info(
        "AI: on, {} in {}{}, daily budget {} tokens",
        properties.modelId(),
        properties.region(),
        AiProperties.blank(properties.guardrailId())
            ? ""
            : ", guardrail " + properties.guardrailId(),
        properties.dailyTokenBudget());
    return new BedrockConversationModel(
        properties,
        camel,
        budget(properties.dailyTokenBudget(), jdbc, transactions, clock),
        metrics);
  }

  /** Counts every use's tokens in the shared day's row; this use stops past {@code limit}. */
  private static TokenBudget budget(
      long limit, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    TransactionTemplate ownTransaction = new TransactionTemplate(transactions);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    return new TokenBudget(jdbc, ownTransaction, clock, limit);
  }

  /**
   * Writes campaign variables for each customer when AI is on (the same model, credentials and
   * daily budget as the conversation); otherwise campaigns send their default variables.
   */
  @Bean
  CampaignWriter campaignWriter(
      AiProperties properties,
      ConversationModel conversationModel,
      ProducerTemplate camel,
      JdbcClient jdbc,
      PlatformTransactionManager transactions,
      Clock clock,
      MeterRegistry metrics) {
    if (conversationModel == ConversationModel.OFF) {
      return CampaignWriter.OFF;
    }
    long campaignTokens =
        properties.dailyTokenBudget() <= 0
            ? 0
            : Math.max(
                1, Math.round(properties.dailyTokenBudget() * properties.campaignBudgetShare()));
    return new BedrockCampaignWriter(
        properties, camel, budget(campaignTokens, jdbc, transactions, clock), metrics);
  }

  @Bean
  BedrockProbe bedrockProbe(AiProperties properties, BedrockRuntimeClient client) {
    return new BedrockProbe(properties, client);
  }

  private static AwsCredentialsProvider credentials(AiProperties properties) {
    return AiProperties.blank(properties.accessKeyId())
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(
            AwsBasicCredentials.create(properties.accessKeyId(), properties.secretAccessKey()));
  }
}
