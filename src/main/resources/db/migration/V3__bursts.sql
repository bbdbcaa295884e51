-- Quick messages in a row are read as one turn: the time a conversation's pending burst is due to be answered
-- (null when none), so the burst-flush route finds them on any instance.
alter table conversation add column burst_due timestamp with time zone;
create index conversation_burst_due on conversation (burst_due);
