-- WhatsApp marketing campaigns: what an operator set up (segment, approved template, schedule, rate), and the
-- durable per-campaign list of recipients it was expanded into, each with its own status (one row per customer
-- and campaign: a customer gets at most one message per campaign). A recipient goes pending -> queued (on
-- campaign-sends.fifo) -> sending (claimed, once) -> sent / failed / opted_out / skipped; a claim that never
-- finished (the app died during the Twilio call) becomes unknown and is never sent again.
create table campaign (
    id              varchar(40)  primary key,
    name            varchar(200) not null,
    status          varchar(20)  not null,
    definition      text         not null,
    targeted        integer      not null,
    started_at      timestamp with time zone,
    finished_at     timestamp with time zone,
    created_by      varchar(100) not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);

create table campaign_recipient (
    campaign_id     varchar(40)  not null,
    conversation_id varchar(300) not null,
    phone           varchar(40)  not null,
    status          varchar(20)  not null,
    reason          varchar(300),
    variables       text,
    message_sid     varchar(64),
    error_code      varchar(20),
    attempts        integer      default 0 not null,
    queued_at       timestamp with time zone,
    sent_at         timestamp with time zone,
    updated_at      timestamp with time zone not null,
    primary key (campaign_id, conversation_id)
);
create index campaign_recipient_status on campaign_recipient (campaign_id, status, conversation_id);
-- The sweeper of claims without an outcome.
create index campaign_recipient_stale on campaign_recipient (status, updated_at);
create index campaign_recipient_queued on campaign_recipient (campaign_id, queued_at);
-- Twilio's status callbacks find a campaign message by its SID.
create index campaign_recipient_message on campaign_recipient (message_sid);
-- The frequency cap looks up a customer's latest campaign message across campaigns.
create index campaign_recipient_customer on campaign_recipient (conversation_id, sent_at);

-- Who was left out of a campaign when it was expanded, and why (no consent, no phone, …): counted, never sent.
create table campaign_skip (
    campaign_id     varchar(40)  not null,
    reason          varchar(40)  not null,
    customers       integer      not null,
    primary key (campaign_id, reason)
);
