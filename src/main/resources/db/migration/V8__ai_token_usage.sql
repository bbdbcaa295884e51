-- Tokens Amazon Bedrock used per day (UTC), shared by every instance: AI turns stop at the daily budget.
create table ai_token_usage (
  usage_day date primary key,
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0
);
