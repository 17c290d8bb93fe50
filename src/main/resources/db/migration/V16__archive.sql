-- The archive (issue 19): shipments whose last activity is older than rastro.archive.after leave
-- the write model for Parquet files on cheap storage, and stay findable through a small index.

-- One archive run: scheduled or asked for. At most one runs at a time (an advisory lock held by
-- its connection); a run that a crash interrupted still says 'running' until the next one starts.
create table archive_runs (
    id                bigint generated always as identity primary key,
    started_at        timestamptz not null,
    finished_at       timestamptz,
    -- running, finished, failed or interrupted
    status            text        not null default 'running',
    -- last activity before this instant was archived
    cutoff            timestamptz not null,
    shipments         bigint      not null default 0,
    events            bigint      not null default 0,
    files             int         not null default 0,
    bytes             bigint      not null default 0,
    -- what the archived rows took in PostgreSQL's tables (their tuples, without indexes)
    postgres_bytes    bigint      not null default 0,
    error             text
);

-- One Parquet file of the archive: one creation month of one run. A file is recorded as 'writing'
-- before it is stored, and becomes 'verified' in the transaction that deletes its rows from the
-- write model; a 'writing' file that a run left behind is deleted by the next one.
create table archive_files (
    key         text        primary key,
    run_id      bigint      not null references archive_runs,
    month       date        not null,
    status      text        not null default 'writing',
    shipments   int         not null,
    events      int         not null,
    bytes       bigint      not null,
    -- hex SHA-256 of the file's bytes
    sha256      text        not null,
    -- hex SHA-256 of its rows, read back from the file and recomputed from the write model
    rows_sha256 text        not null,
    created_at  timestamptz not null
);

-- Where each archived shipment is, for the write side: written by the archive run in the transaction
-- that deletes its rows, and deleted by the writer that brings it back.
create table archived_shipments (
    tracking_number text        primary key,
    customer_id     uuid        not null,
    file            text        not null,
    events          int         not null,
    archived_at     timestamptz not null
);
create index archived_shipments_file on archived_shipments (file);

-- The same for the read side, kept by the projection from shipment.archived and shipment.restored
-- (in the read database; only the projection writes it).
create table archived_shipment_views (
    tracking_number text        primary key,
    customer_id     uuid        not null,
    file            text        not null,
    archived_at     timestamptz not null
);

-- A shipment's two addresses are written only with it, in one statement (Shipments.add), and
-- deleted only with it, in one statement (the archive run): the foreign keys from shipments to
-- addresses guarded nothing those statements do not, and made every address's delete scan the
-- whole shipments table to check them (no index on those columns, and the write side keeps its
-- indexes few). Measured on the archive benchmark: 15 to 22 s to delete 5,000 shipments with them.
alter table shipments drop constraint shipments_origin_address_id_fkey;
alter table shipments drop constraint shipments_destination_address_id_fkey;
