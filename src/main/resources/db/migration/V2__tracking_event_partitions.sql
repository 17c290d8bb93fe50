-- Prepares the monthly partition of tracking_events that holds the given instant, moving any rows
-- of that month out of the default partition first (attaching would fail otherwise). Idempotent.
create function ensure_tracking_events_partition(at timestamptz) returns text
language plpgsql as $$
declare
    month_start timestamptz := date_trunc('month', at at time zone 'UTC') at time zone 'UTC';
    month_end   timestamptz := month_start + interval '1 month';
    partition   text := format('tracking_events_%s', to_char(month_start at time zone 'UTC', 'YYYY_MM'));
begin
    if to_regclass(partition) is not null then
        return partition;
    end if;
    -- Serializes writers of this table while the month moves, so no row slips past.
    lock table tracking_events_default in access exclusive mode;
    if to_regclass(partition) is not null then
        return partition;
    end if;
    execute format('create table %I (like tracking_events including defaults including constraints)', partition);
    execute format(
        'with moved as (delete from tracking_events_default where occurred_at >= %L and occurred_at < %L returning *)
         insert into %I select * from moved', month_start, month_end, partition);
    execute format('alter table tracking_events attach partition %I for values from (%L) to (%L)',
        partition, month_start, month_end);
    return partition;
end;
$$;
