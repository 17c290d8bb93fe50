-- Tracking events shard by time: a month's partition of tracking_events may be a foreign table on
-- another PostgreSQL server (postgres_fdw), made by Rastro from rastro.tracking.shards.

-- A partitioned table with a unique index cannot hold foreign partitions. The primary key was never
-- what deduplicates events (tracking_event_keys does, across every month and server); the index
-- that reads a shipment's events stays, one column narrower. Each shard's own table keeps the
-- unique key, which makes a retried insert there a no-op.
alter table tracking_events drop constraint tracking_events_pkey;
create index tracking_events_shipment on tracking_events (shipment_id, occurred_at);

-- The column list of tracking_events, for the tables that mirror it: a foreign table here (remote =
-- false) or a shard's own table (remote = true, where this database's enums are plain text, so a
-- status added here later needs nothing there).
create function tracking_events_columns(remote boolean) returns text
language sql stable as $$
    select string_agg(format('%I %s%s', a.attname,
               case when remote and t.typtype = 'e' then 'text'
                    else format_type(a.atttypid, a.atttypmod) end,
               case when a.attnotnull then ' not null' else '' end), ', ' order by a.attnum)
    from pg_attribute a join pg_type t on t.oid = a.atttypid
    where a.attrelid = 'tracking_events'::regclass and a.attnum > 0 and not a.attisdropped
$$;

-- Makes the partition of the month holding the given instant a foreign table on the given server.
-- A month that has a partition already keeps it (a move brings its events over), unless that is an
-- empty table here (prepared ahead before the shard was configured): it goes, with writes held
-- back while it does. Idempotent; takes turns with ensure_tracking_events_partition.
create function attach_tracking_events_shard_partition(at timestamptz, server text) returns text
language plpgsql as $$
declare
    month_start timestamptz := date_trunc('month', at, 'UTC');
    partition   text := format('tracking_events_%s', to_char(month_start at time zone 'UTC', 'YYYY_MM'));
    empty       boolean;
begin
    perform pg_advisory_xact_lock(hashtext('tracking_events partitions'));
    if to_regclass(partition) is not null then
        if (select relkind from pg_class where oid = to_regclass(partition)) <> 'r' then
            return partition;
        end if;
        lock table tracking_events in share row exclusive mode;
        execute format('select not exists (select 1 from %I)', partition) into empty;
        if not empty then
            return partition;
        end if;
        execute format('alter table tracking_events detach partition %I', partition);
        execute format('drop table %I', partition);
    end if;
    execute format('create foreign table %I partition of tracking_events for values from (%L) to (%L)'
                   ' server %I options (schema_name %L, table_name %L)',
        partition, month_start, month_start + interval '1 month', server, 'public', partition);
    return partition;
end;
$$;

-- Each month's partition and where it lives: null for this server, else the foreign server's name.
create view tracking_events_months as
    select replace(substr(c.relname, length('tracking_events_') + 1), '_', '-') as month,
           c.relname as partition, s.srvname as server
    from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    left join pg_foreign_table f on f.ftrelid = c.oid
    left join pg_foreign_server s on s.oid = f.ftserver
    where i.inhparent = 'tracking_events'::regclass;

-- Events for a month whose shard was unreachable when they were written. They are written when it
-- answers again; nothing of them was claimed or counted before.
-- The same rows as unmatched_tracking_events, which WaitingEvents writes and reads alike.
create table tracking_events_awaiting_shard (like unmatched_tracking_events including all);
create index tracking_events_awaiting_shard_occurred on tracking_events_awaiting_shard (occurred_at);
