-- The newest event the outbox purge has deleted: the outbox holds every event after it, so a query
-- role catching up from the ingest role (GET /api/v1/admin/outbox) is told when what it needs is gone.
create table outbox_purged (
    single   boolean primary key default true check (single),
    txid     xid8    not null,
    position bigint  not null
);
