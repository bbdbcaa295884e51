package com.posmodern.omnichannel.ai;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.bedrock.runtime.BedrockConstants;
import org.apache.camel.spi.CircuitBreakerConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * What every Converse call through the AI routes shares: the guardrail, the token count against the
 * daily budget, why a call gave no answer, and the prompts from the classpath.
 */
final class BedrockCalls {

  private static final Logger log = LoggerFactory.getLogger(BedrockCalls.class);

  private BedrockCalls() {}

  /** The configured guardrail, if any. */
  static void guardrail(ConverseRequest.Builder converse, AiProperties properties) {
    if (!AiProperties.blank(properties.guardrailId())) {
      converse.guardrailConfig(
          GuardrailConfiguration.builder()
              .guardrailIdentifier(properties.guardrailId())
              .guardrailVersion(properties.guardrailVersion())
              .build());
    }
  }

  /** Counts an answered call's tokens as metrics and against the daily budget. */
  static void countTokens(Exchange done, MeterRegistry metrics, TokenBudget budget) {
    TokenUsage usage =
        done.getMessage().getHeader(BedrockConstants.CONVERSE_USAGE, TokenUsage.class);
    if (usage != null) {
      metrics.counter("omnichannel.ai.tokens", "direction", "input").increment(usage.inputTokens());
      metrics
          .counter("omnichannel.ai.tokens", "direction", "output")
          .increment(usage.outputTokens());
      budget.spent(usage.inputTokens(), usage.outputTokens());
    }
  }

  /**
   * Why no answer came: the call failed (throttled, too slow, an error), or the circuit was open.
   */
  static String failure(Exchange done) {
    Throwable error = done.getMessage().getHeader("aiFailure", Throwable.class);
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ThrottlingException) {
        return "throttled";
      }
      if (cause instanceof ApiCallTimeoutException
          || cause instanceof ApiCallAttemptTimeoutException) {
        return "timeout";
      }
    }
    if (error != null) {
      log.warn("Bedrock call failed, answered without AI: {}", error.toString());
      return "error";
    }
    String state = done.getProperty(CircuitBreakerConstants.RESPONSE_STATE, String.class);
    return "OPEN".equals(state) || "FORCED_OPEN".equals(state) ? "circuit-open" : "error";
  }

  /** A prompt or tool list from the classpath ({@code src/main/resources/ai}). */
  static String resource(String name) {
    try (InputStream in = BedrockCalls.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
