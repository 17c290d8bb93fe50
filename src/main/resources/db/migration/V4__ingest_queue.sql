-- The embedded write-ahead queue: commands accepted by the API wait here, durably, until a worker
-- writes them. A worker deletes the rows it takes in the same transaction as the writes they
-- cause, so a command is applied exactly once even if the worker dies half-way.
create table ingest_queue (
    id          bigint generated always as identity primary key,
    type        text        not null,
    payload     bytea       not null,
    accepted_at timestamptz not null,
    available_at timestamptz not null default now()
);

-- Commands that failed every attempt, whatever the queue: kept for a person to look at and re-drive.
create table ingest_dead_letters (
    id          bigint generated always as identity primary key,
    type        text        not null,
    payload     bytea       not null,
    accepted_at timestamptz not null,
    failed_at   timestamptz not null,
    attempts    int         not null,
    error       text        not null
);

-- Tracking events whose shipment did not exist when they were written. They attach themselves
-- when it is created, or are dropped after a grace period.
create table unmatched_tracking_events (
    tracking_number text        not null,
    event_id        text        not null,
    occurred_at     timestamptz not null,
    received_at     timestamptz not null,
    event           jsonb       not null,
    primary key (tracking_number, event_id)
);
create index unmatched_tracking_events_received on unmatched_tracking_events (received_at);

-- Settings Rastro makes for itself on first start, such as the key of derived tracking numbers.
create table rastro_settings (
    name  text primary key,
    value text not null
);
