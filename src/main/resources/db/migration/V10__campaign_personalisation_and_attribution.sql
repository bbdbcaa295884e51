-- How each campaign message's variables were chosen: 'ai' (Claude's values passed every check), 'default:<why>'
-- (the template's defaults stood in: AI off, throttled, too slow, over a limit, invalid), null (not asked).
alter table campaign_recipient add column personalisation varchar(40);

-- Replies and orders count for a campaign from its message until this time (sent_at + the attribution window,
-- CAMPAIGN_ATTRIBUTION_WINDOW): stored per message, so a changed window applies to later messages only.
alter table campaign_recipient add column attribution_until timestamp with time zone;

-- A status callback that came while the message was still being sent (before Twilio's answer was recorded): kept on
-- the recipient and applied as soon as the answer with that SID is recorded.
alter table campaign_recipient add column early_message_sid varchar(64);
alter table campaign_recipient add column early_status varchar(20);
alter table campaign_recipient add column early_error_code varchar(20);
