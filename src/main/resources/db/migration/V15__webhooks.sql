-- Webhooks (issue 14): endpoints that callers register, and the deliveries of domain events to
-- them, kept durably so that a restart loses none. Deliveries are made by the webhooks consumer of
-- the outbox (one row per event and endpoint that wants it, in the transaction that moves its
-- cursor) and sent by Rastro's webhook senders, each retried until it succeeds or gives up.
create table webhook_endpoints (
    id                      uuid primary key,
    url                     text not null,
    -- CloudEvents types; empty means every type
    event_types             text[] not null default '{}',
    description             text,
    -- a shipper's endpoint receives its customer's shipments only; null: every shipment (ADMIN)
    customer_id             uuid,
    -- whsec_<base64>: signs every delivery; the previous one signs too until it expires
    secret                  text not null,
    previous_secret         text,
    previous_secret_expires timestamptz,
    enabled                 boolean not null default true,
    disabled_reason         text,
    -- since when every attempt failed (null after a success): three days of it disable the endpoint
    failing_since           timestamptz,
    created_at              timestamptz not null
);
create index webhook_endpoints_customer on webhook_endpoints (customer_id);

create table webhook_deliveries (
    id              text primary key,  -- msg_<uuid>: the webhook-id of every attempt
    endpoint_id     uuid not null references webhook_endpoints on delete cascade,
    event_position  text not null,
    event_type      text not null,
    payload         text not null,     -- the CloudEvent, as the bus carries it
    status          text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
    attempts        int not null default 0,
    next_attempt_at timestamptz not null,
    last_attempt_at timestamptz,
    last_status     int,
    last_error      text,
    created_at      timestamptz not null,
    unique (endpoint_id, event_position)
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, created_at desc);
