package com.posmodern.omnichannel.ai;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tokens Bedrock used today (UTC), counted in the database so that every instance shares one
 * daily budget; past it, AI is off until the next day.
 */
final class TokenBudget {

  private static final Logger log = LoggerFactory.getLogger(TokenBudget.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final long dailyTokens;

  /**
   * @param ownTransaction a new transaction (REQUIRES_NEW): the count is committed at once, apart
   *     from the conversation's turn, and the day's row is not held locked while the turn goes on
   */
  TokenBudget(JdbcClient jdbc, TransactionTemplate ownTransaction, Clock clock, long dailyTokens) {
    this.jdbc = jdbc;
    this.ownTransaction = ownTransaction;
    this.clock = clock;
    this.dailyTokens = dailyTokens;
  }

  /**
   * Whether today's tokens are still under the budget (a budget of 0 or less: no limit). Best
   * effort: if the count cannot be read, the model may be asked.
   */
  boolean left() {
    if (dailyTokens <= 0) {
      return true;
    }
    try {
      return usedToday() < dailyTokens;
    } catch (RuntimeException e) {
      log.warn("AI token budget not read, model allowed: {}", e.toString());
      return true;
    }
  }

  long usedToday() {
    return jdbc.sql("select input_tokens + output_tokens from ai_token_usage where usage_day = ?")
        .param(today())
        .query(Long.class)
        .optional()
        .orElse(0L);
  }

  /** Adds one call's tokens to today's; a failure to count never fails the customer's turn. */
  void spent(long input, long output) {
    try {
      ownTransaction.executeWithoutResult(status -> add(today(), input, output));
    } catch (RuntimeException e) {
      log.warn("AI tokens not counted ({} in, {} out): {}", input, output, e.toString());
    }
  }

  private void add(LocalDate day, long input, long output) {
    // The day's row, opened by whichever instance comes first (no duplicate-key error to abort on).
    jdbc.sql(
            "insert into ai_token_usage (usage_day, input_tokens, output_tokens) values (?, 0, 0)"
                + " on conflict do nothing")
        .param(day)
        .update();
    jdbc.sql(
            "update ai_token_usage set input_tokens = input_tokens + ?,"
                + " output_tokens = output_tokens + ? where usage_day = ?")
        .params(input, output, day)
        .update();
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
