-- A worker's claim read the queue's primary key from its lowest id, so it stepped over every row
-- consumed and not yet vacuumed: under sustained single-event load that was 82.5 % of the
-- database's time, 38 ms a claim (issue 18). Workers now claim above a floor, a position below
-- which no row is left or can appear again (ClaimFloor). To know that, a worker must see when every
-- transaction that took a position up to some value has ended: each enqueuing transaction holds a
-- shared advisory lock, which pg_locks shows, from before it takes its first position until it
-- ends. The column default takes both, in that order, whoever inserts.
create sequence ingest_queue_position;
select setval('ingest_queue_position',
    coalesce(pg_sequence_last_value(pg_get_serial_sequence('ingest_queue', 'id')::regclass), 0) + 1,
    false);
alter table ingest_queue alter column id drop identity;

-- The lock's key: "rast", "queu" in ASCII, so that it is recognizable in pg_locks.
create function ingest_queue_next_position() returns bigint
    language plpgsql volatile as $$
begin
    perform pg_advisory_xact_lock_shared(1918989172, 1903520117);
    return nextval('ingest_queue_position');
end
$$;

alter table ingest_queue alter column id set default ingest_queue_next_position();
alter sequence ingest_queue_position owned by ingest_queue.id;
