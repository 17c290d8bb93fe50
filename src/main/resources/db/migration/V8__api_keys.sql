-- API keys. Only a SHA-256 hash of each key is kept (keys are 256 random bits, so a fast hash is
-- as safe as a slow one), with its first characters to recognize it in a list.
create table api_keys (
    id           uuid        primary key,
    name         text        not null,
    role         text        not null check (role in ('ADMIN', 'OPERATOR', 'SHIPPER', 'CARRIER')),
    customer_id  uuid        references customers,
    carrier_code text        references carriers,
    key_hash     bytea       not null unique,
    key_prefix   text        not null,
    created_at   timestamptz not null,
    revoked_at   timestamptz,
    check ((role = 'SHIPPER') = (customer_id is not null)),
    check ((role = 'CARRIER') = (carrier_code is not null))
);
