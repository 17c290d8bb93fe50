-- Every month that holds tracking events gets a partition of its own, made when its first event is
-- written; there is no default partition any more, which grew without bound with every event dated
-- outside the months prepared ahead.

-- The months that reached the default partition get theirs (V2's function moves their rows).
do $$
declare
    month timestamptz;
begin
    for month in select distinct date_trunc('month', occurred_at, 'UTC') from tracking_events_default loop
        perform ensure_tracking_events_partition(month);
    end loop;
end;
$$;
drop table tracking_events_default;

-- Prepares the monthly partition of tracking_events that holds the given instant. Idempotent;
-- concurrent callers take turns. The table is made apart and then attached, which locks the parent
-- only against other schema changes, not against writes or reads.
create or replace function ensure_tracking_events_partition(at timestamptz) returns text
language plpgsql as $$
declare
    month_start timestamptz := date_trunc('month', at, 'UTC');
    month_end   timestamptz := month_start + interval '1 month';
    partition   text := format('tracking_events_%s', to_char(month_start at time zone 'UTC', 'YYYY_MM'));
begin
    if to_regclass(partition) is not null then
        return partition;
    end if;
    perform pg_advisory_xact_lock(hashtext('tracking_events partitions'));
    if to_regclass(partition) is not null then
        return partition;
    end if;
    execute format('create table %I (like tracking_events including defaults including constraints)', partition);
    execute format('alter table tracking_events attach partition %I for values from (%L) to (%L)',
        partition, month_start, month_end);
    return partition;
end;
$$;
