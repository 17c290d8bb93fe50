-- Events a consumer of the bus has applied but cannot count as done yet, because an event before
-- them in the relay order has not arrived: the consumer's cursor stops at the gap, and moves past
-- them once it is filled.
create table outbox_pending (
    consumer          text        not null,
    txid              xid8        not null,
    position          bigint      not null,
    previous_txid     xid8        not null,
    previous_position bigint      not null,
    written_at        timestamptz not null,
    primary key (consumer, txid, position)
);

-- Rebuilds the projected read model from the write model, aside, then swaps it in: the new tables
-- are filled and indexed under temporary names while queries keep reading the old ones, which are
-- locked only for the final drop and renames. The caller runs it in one repeatable-read
-- transaction holding the projection's lock, and sets the projection's cursor to match.
create function rebuild_shipment_projection() returns bigint
language plpgsql as $$
declare
    details text := pg_get_viewdef('shipment_projection_details'::regclass);
    definitions text[];
    definition text;
    index_name text;
    built bigint;
begin
    select array_agg(pg_get_indexdef(i.indexrelid))
    into definitions
    from pg_index i
    where i.indrelid in ('shipment_projection'::regclass, 'shipment_projection_events'::regclass);

    create table shipment_projection_events_next (like shipment_projection_events including defaults);
    insert into shipment_projection_events_next (tracking_number, event_id, occurred_at, status_rank, event)
    select s.tracking_number, t.event_id, t.occurred_at,
           array_position(enum_range(null::tracking_status), t.status) - 1,
           jsonb_strip_nulls(jsonb_build_object(
               'eventId', t.event_id,
               'status', t.status,
               'reason', t.reason,
               'occurredAt', t.occurred_at,
               'receivedAt', t.received_at,
               'location', nullif(jsonb_strip_nulls(jsonb_build_object(
                   'name', t.location_name, 'city', t.city, 'country', t.country,
                   'lat', t.lat, 'lon', t.lon)), '{}'::jsonb),
               'description', t.description))
    from tracking_events t
    join shipments s on s.id = t.shipment_id;

    create table shipment_projection_next (like shipment_projection including defaults);
    insert into shipment_projection_next (tracking_number, shipment_id, reference, customer_id,
        customer_name, carrier_code, carrier_name, service, weight_kg, promised_delivery_date,
        origin, destination, created_at, status, last_occurred_at, last_status_rank,
        last_event_id, last_event, event_count, delivered_at)
    select s.tracking_number, s.id, s.reference, s.customer_id, c.name, s.carrier_code, ca.name,
           s.service, s.weight_kg, s.promised_delivery_date,
           jsonb_build_object('line1', o.line1, 'city', o.city, 'postalCode', o.postal_code,
               'country', o.country, 'lat', o.lat, 'lon', o.lon),
           jsonb_build_object('line1', d.line1, 'city', d.city, 'postalCode', d.postal_code,
               'country', d.country, 'lat', d.lat, 'lon', d.lon),
           s.created_at,
           coalesce(l.event ->> 'status', 'PENDING'), l.occurred_at, l.status_rank, l.event_id,
           l.event, coalesce(n.event_count, 0),
           case when l.event ->> 'status' = 'DELIVERED' then l.occurred_at end
    from shipments s
    join customers c on c.id = s.customer_id
    join addresses o on o.id = s.origin_address_id
    join addresses d on d.id = s.destination_address_id
    left join carriers ca on ca.code = s.carrier_code
    left join (select tracking_number, count(*)::int as event_count
               from shipment_projection_events_next group by tracking_number) n
        on n.tracking_number = s.tracking_number
    left join (select distinct on (tracking_number) *
               from shipment_projection_events_next
               order by tracking_number, occurred_at desc, status_rank desc, event_id desc) l
        on l.tracking_number = s.tracking_number;
    get diagnostics built = row_count;

    foreach definition in array definitions loop
        execute regexp_replace(definition, '^CREATE (UNIQUE )?INDEX (\S+) ON (\S+) ',
                               'CREATE \1INDEX \2_next ON \3_next ');
    end loop;
    analyze shipment_projection_next;
    analyze shipment_projection_events_next;

    drop view shipment_projection_details;
    drop table shipment_projection;
    drop table shipment_projection_events;
    alter table shipment_projection_next rename to shipment_projection;
    alter table shipment_projection_events_next rename to shipment_projection_events;
    foreach definition in array definitions loop
        index_name := substring(definition from '^CREATE (?:UNIQUE )?INDEX (\S+) ON ');
        execute format('alter index %I rename to %I', index_name || '_next', index_name);
    end loop;
    alter table shipment_projection
        add constraint shipment_projection_pkey primary key using index shipment_projection_pkey;
    alter table shipment_projection_events
        add constraint shipment_projection_events_pkey primary key using index shipment_projection_events_pkey;
    execute 'create view shipment_projection_details as ' || details;
    return built;
end;
$$;
