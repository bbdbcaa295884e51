package com.posmodern.omnichannel.ai;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tokens Bedrock used today (UTC), counted in the database so that every instance shares one
 * daily budget; past it, AI is off until the next day.
 */
final class TokenBudget {

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

  /** Whether today's tokens are still under the budget (a budget of 0 or less: no limit). */
  boolean left() {
    return dailyTokens <= 0 || usedToday() < dailyTokens;
  }

  long usedToday() {
    return jdbc.sql("select input_tokens + output_tokens from ai_token_usage where usage_day = ?")
        .param(today())
        .query(Long.class)
        .optional()
        .orElse(0L);
  }

  /** Adds one call's tokens to today's. */
  void spent(long input, long output) {
    ownTransaction.executeWithoutResult(status -> add(today(), input, output));
  }

  private void add(LocalDate day, long input, long output) {
    for (int attempt = 0; attempt < 2; attempt++) {
      int updated =
          jdbc.sql(
                  "update ai_token_usage set input_tokens = input_tokens + ?,"
                      + " output_tokens = output_tokens + ? where usage_day = ?")
              .params(input, output, day)
              .update();
      if (updated > 0) {
        return;
      }
      try {
        jdbc.sql(
                "insert into ai_token_usage (usage_day, input_tokens, output_tokens) values (?, ?, ?)")
            .params(day, input, output)
            .update();
        return;
      } catch (DuplicateKeyException another) {
        // Another instance opened the day first: add to its row.
      }
    }
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
