-- WhatsApp marketing campaigns: what an operator set up (segment, approved template, schedule, rate), and the
-- durable per-campaign list of recipients it was expanded into, each with its own status (one row per customer
-- and campaign: a customer gets at most one message per campaign).
create table campaign (
    id              varchar(40)  primary key,
    name            varchar(200) not null,
    status          varchar(20)  not null,
    definition      text         not null,
    targeted        integer      not null,
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
    updated_at      timestamp with time zone not null,
    primary key (campaign_id, conversation_id)
);
create index campaign_recipient_status on campaign_recipient (campaign_id, status);

-- Who was left out of a campaign when it was expanded, and why (no consent, no phone, …): counted, never sent.
create table campaign_skip (
    campaign_id     varchar(40)  not null,
    reason          varchar(40)  not null,
    customers       integer      not null,
    primary key (campaign_id, reason)
);
