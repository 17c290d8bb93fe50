-- The write model: normalized, with only the indexes that keys, foreign keys and writes need.
-- (The seed's clientes, envíos and trazas are customers, shipments and tracking_events here.)

create table customers (
    id         uuid        primary key,
    name       text        not null,
    email      text        not null,
    phone      text,
    created_at timestamptz not null
);

create table carriers (
    code       text        primary key,
    name       text        not null,
    created_at timestamptz not null
);

create table addresses (
    id          bigint generated always as identity primary key,
    line1       text             not null,
    city        text             not null,
    postal_code text,
    country     char(2)          not null,
    lat         double precision check (lat between -90 and 90),
    lon         double precision check (lon between -180 and 180)
);

create table shipments (
    id                     bigint generated always as identity primary key,
    tracking_number        text          not null unique,
    customer_id            uuid          not null references customers,
    reference              text,
    carrier_code           text          references carriers,
    service                text,
    weight_kg              numeric(12, 3),
    promised_delivery_date date,
    origin_address_id      bigint        not null references addresses,
    destination_address_id bigint        not null references addresses,
    created_at             timestamptz   not null
);

-- A sender's own order id names one shipment per customer: a repeated create finds it again.
create unique index shipments_customer_reference on shipments (customer_id, reference)
    where reference is not null;

-- Ordered along the lifecycle: when two events of a shipment share occurred_at, the later value
-- here wins (see the README, "Statuses and ordering").
create type tracking_status as enum (
    'INFO_RECEIVED',
    'PICKED_UP',
    'IN_TRANSIT',
    'OUT_FOR_DELIVERY',
    'DELIVERY_ATTEMPTED',
    'AVAILABLE_FOR_PICKUP',
    'EXCEPTION',
    'RETURNED_TO_SENDER',
    'DELIVERED',
    'CANCELLED'
);

-- Range-partitioned by month on occurred_at so that old months can be archived or moved whole.
-- Its primary key must hold the partition key, so it cannot deduplicate (shipment, event id)
-- alone: tracking_event_keys does that.
create table tracking_events (
    shipment_id   bigint           not null,
    occurred_at   timestamptz      not null,
    event_id      text             not null,
    status        tracking_status  not null,
    reason        text,
    received_at   timestamptz      not null,
    location_name text,
    city          text,
    country       char(2),
    lat           double precision,
    lon           double precision,
    description   text,
    primary key (shipment_id, occurred_at, event_id)
) partition by range (occurred_at);

-- Events dated outside the prepared months land here; preparing their month moves them out.
create table tracking_events_default partition of tracking_events default;

-- One row per event ever accepted: the idempotency ledger that makes a retried event a duplicate.
create table tracking_event_keys (
    shipment_id bigint      not null references shipments,
    event_id    text        not null,
    occurred_at timestamptz not null,
    primary key (shipment_id, event_id)
);
