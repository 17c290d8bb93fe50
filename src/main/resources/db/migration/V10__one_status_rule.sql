-- One status rule and one shape of an event in a history, each defined here once and used by every
-- path that needs it: the write side's current status (shipment_status), the projector, the
-- materialized view, and the rebuild of the projection. The definitions they replace in V3 and V7
-- are superseded below.

-- A shipment's status is that of its latest event: the latest occurredAt (carrier time), ties
-- broken by lifecycle order (the enum's order), then by event id compared byte by byte (collation
-- "C", so that no locale decides between ids that differ in case or accents). Rows of this type
-- compare in that order, so "latest" is max(tracking_event_rank(...)) or order by ... desc.
create type tracking_event_rank as (
    occurred_at timestamptz,
    status      tracking_status,
    event_id    text collate "C"
);

create function tracking_event_rank(occurred_at timestamptz, status tracking_status, event_id text)
    returns tracking_event_rank
    language sql immutable parallel safe
    return row(occurred_at, status, event_id)::tracking_event_rank;

-- One tracking event as a shipment's history shows it.
create function tracking_event_view(event_id text, status tracking_status, reason text,
                                    occurred_at timestamptz, received_at timestamptz,
                                    location_name text, city text, country text,
                                    lat float8, lon float8, description text)
    returns jsonb
    language sql stable parallel safe
    return jsonb_strip_nulls(jsonb_build_object(
        'eventId', event_id,
        'status', status,
        'reason', reason,
        'occurredAt', occurred_at,
        'receivedAt', received_at,
        'location', nullif(jsonb_strip_nulls(jsonb_build_object(
            'name', location_name, 'city', city, 'country', country,
            'lat', lat, 'lon', lon)), '{}'::jsonb),
        'description', description));

-- The materialized view of V3, on the rule and the shape above.
drop materialized view shipment_details;
create materialized view shipment_details as
select s.id                     as shipment_id,
       s.tracking_number,
       s.reference,
       s.customer_id,
       c.name                   as customer_name,
       s.carrier_code,
       ca.name                  as carrier_name,
       s.service,
       s.weight_kg,
       s.promised_delivery_date,
       o.line1                  as origin_line1,
       o.city                   as origin_city,
       o.postal_code            as origin_postal_code,
       o.country                as origin_country,
       o.lat                    as origin_lat,
       o.lon                    as origin_lon,
       d.line1                  as destination_line1,
       d.city                   as destination_city,
       d.postal_code            as destination_postal_code,
       d.country                as destination_country,
       d.lat                    as destination_lat,
       d.lon                    as destination_lon,
       s.created_at,
       coalesce(h.status::text, 'PENDING') as status,
       h.last_event,
       (h.last_event ->> 'occurredAt')::timestamptz as last_event_at,
       coalesce(h.event_count, 0) as event_count,
       case when h.status = 'DELIVERED' then (h.last_event ->> 'occurredAt')::timestamptz end as delivered_at,
       coalesce(h.events, '[]'::jsonb) as events
from shipments s
join customers c on c.id = s.customer_id
join addresses o on o.id = s.origin_address_id
join addresses d on d.id = s.destination_address_id
left join carriers ca on ca.code = s.carrier_code
left join (
    select e.shipment_id,
           count(*) as event_count,
           (array_agg(e.status order by e.rank desc))[1] as status,
           (array_agg(e.event order by e.rank desc))[1] as last_event,
           jsonb_agg(e.event order by e.rank) as events
    from (select t.shipment_id, t.status,
                 tracking_event_rank(t.occurred_at, t.status, t.event_id) as rank,
                 tracking_event_view(t.event_id, t.status, t.reason, t.occurred_at, t.received_at,
                     t.location_name, t.city, t.country, t.lat, t.lon, t.description) as event
          from tracking_events t) e
    group by e.shipment_id
) h on h.shipment_id = s.id;

create unique index shipment_details_tracking_number on shipment_details (tracking_number);
create index shipment_details_created on shipment_details (created_at desc, shipment_id desc);
create index shipment_details_customer on shipment_details (customer_id, created_at desc, shipment_id desc);
create index shipment_details_status on shipment_details (status, created_at desc, shipment_id desc);
create index shipment_details_carrier on shipment_details (carrier_code, created_at desc, shipment_id desc);

-- The projected history in the rule's order.
create or replace view shipment_projection_details as
select p.shipment_id,
       p.tracking_number,
       p.reference,
       p.customer_id,
       p.customer_name,
       p.carrier_code,
       p.carrier_name,
       p.service,
       p.weight_kg,
       p.promised_delivery_date,
       p.origin ->> 'line1'                 as origin_line1,
       p.origin ->> 'city'                  as origin_city,
       p.origin ->> 'postalCode'            as origin_postal_code,
       p.origin ->> 'country'               as origin_country,
       (p.origin ->> 'lat')::float8         as origin_lat,
       (p.origin ->> 'lon')::float8         as origin_lon,
       p.destination ->> 'line1'            as destination_line1,
       p.destination ->> 'city'             as destination_city,
       p.destination ->> 'postalCode'       as destination_postal_code,
       p.destination ->> 'country'          as destination_country,
       (p.destination ->> 'lat')::float8    as destination_lat,
       (p.destination ->> 'lon')::float8    as destination_lon,
       p.created_at,
       p.status,
       p.last_event,
       p.last_occurred_at                   as last_event_at,
       p.event_count,
       p.delivered_at,
       (select coalesce(jsonb_agg(e.event order by tracking_event_rank(
                    e.occurred_at, (e.event ->> 'status')::tracking_status, e.event_id)), '[]'::jsonb)
        from shipment_projection_events e where e.tracking_number = p.tracking_number) as events
from shipment_projection p
where p.created_at is not null;

-- The rebuild of V7, on the rule and the shape above.
create or replace function rebuild_shipment_projection() returns bigint
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
           tracking_event_view(t.event_id, t.status, t.reason, t.occurred_at, t.received_at,
               t.location_name, t.city, t.country, t.lat, t.lon, t.description)
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
               order by tracking_number, tracking_event_rank(
                   occurred_at, (event ->> 'status')::tracking_status, event_id) desc) l
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
