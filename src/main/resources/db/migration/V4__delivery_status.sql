-- Delivery status of replies: when each was accepted by its platform (Meta's read watermark covers the messages
-- sent before or at it), and an index to find a reply from the platform's status reports by its message id.
alter table outbound_message add column sent_at timestamp with time zone;
create index outbound_message_platform_id on outbound_message (channel, platform_message_id);
