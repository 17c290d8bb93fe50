-- The transactional outbox: each write of the write model adds its domain events here, in the
-- same transaction. Rows are relayed in the order of their transaction ids, and only once every
-- transaction with a smaller id has ended (txid < the snapshot's xmin): a transaction that
-- commits late cannot slip in behind the relay's cursor, which a plain "id > last seen" would let
-- happen.
create table outbox (
    position    bigint generated always as identity primary key,
    txid        xid8        not null default pg_current_xact_id(),
    type        text        not null,
    subject     text        not null,
    occurred_at timestamptz not null default clock_timestamp(),
    data        jsonb       not null
);
create index outbox_relay_order on outbox (txid, position);

-- How far each consumer of the outbox has gone: the last row it applied, and when that row was
-- written.
create table outbox_cursors (
    name       text        primary key,
    txid       xid8        not null,
    position   bigint      not null,
    written_at timestamptz
);
insert into outbox_cursors values ('shipment-projection', '0', 0, null);

-- Each shipment's current status on the write side, so that a write knows when it changes it.
create table shipment_status (
    shipment_id bigint primary key references shipments,
    occurred_at timestamptz     not null,
    status      tracking_status not null,
    event_id    text            not null
);

-- The projected read model: one row per shipment, maintained event by event.
create table shipment_projection (
    tracking_number        text primary key,
    shipment_id            bigint,
    reference              text,
    customer_id            uuid,
    customer_name          text,
    carrier_code           text,
    carrier_name           text,
    service                text,
    weight_kg              numeric(12, 3),
    promised_delivery_date date,
    origin                 jsonb,
    destination            jsonb,
    created_at             timestamptz,
    status                 text not null default 'PENDING',
    last_occurred_at       timestamptz,
    last_status_rank       int,
    last_event_id          text,
    last_event             jsonb,
    event_count            int  not null default 0,
    delivered_at           timestamptz
);
create index shipment_projection_created on shipment_projection (created_at desc, shipment_id desc);
create index shipment_projection_customer on shipment_projection (customer_id, created_at desc, shipment_id desc);
create index shipment_projection_status on shipment_projection (status, created_at desc, shipment_id desc);
create index shipment_projection_carrier on shipment_projection (carrier_code, created_at desc, shipment_id desc);

-- Each shipment's projected history.
create table shipment_projection_events (
    tracking_number text        not null,
    event_id        text        not null,
    occurred_at     timestamptz not null,
    status_rank     int         not null,
    event           jsonb       not null,
    primary key (tracking_number, event_id)
);
