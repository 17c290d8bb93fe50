-- The read model of the seed's Phase 1: a denormalized materialized view (the seed's
-- vista_envios_detalle) that the query side reads, refreshed on a schedule or on demand.

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
           (array_agg(e.status order by e.occurred_at desc, e.status desc, e.event_id desc))[1] as status,
           (array_agg(e.event order by e.occurred_at desc, e.status desc, e.event_id desc))[1] as last_event,
           jsonb_agg(e.event order by e.occurred_at, e.status, e.event_id) as events
    from (select t.shipment_id, t.occurred_at, t.status, t.event_id,
                 jsonb_strip_nulls(jsonb_build_object(
                     'eventId', t.event_id,
                     'status', t.status,
                     'reason', t.reason,
                     'occurredAt', t.occurred_at,
                     'receivedAt', t.received_at,
                     'location', nullif(jsonb_strip_nulls(jsonb_build_object(
                         'name', t.location_name, 'city', t.city, 'country', t.country,
                         'lat', t.lat, 'lon', t.lon)), '{}'::jsonb),
                     'description', t.description)) as event
          from tracking_events t) e
    group by e.shipment_id
) h on h.shipment_id = s.id;

-- REFRESH ... CONCURRENTLY needs a unique index; it also serves lookups by tracking number.
create unique index shipment_details_tracking_number on shipment_details (tracking_number);
-- Keyset pagination, newest first, with or without a filter.
create index shipment_details_created on shipment_details (created_at desc, shipment_id desc);
create index shipment_details_customer on shipment_details (customer_id, created_at desc, shipment_id desc);
create index shipment_details_status on shipment_details (status, created_at desc, shipment_id desc);
create index shipment_details_carrier on shipment_details (carrier_code, created_at desc, shipment_id desc);

-- When each read relation was last refreshed: every write committed before refreshed_at is in it.
create table read_model_refreshes (
    view_name    text        primary key,
    refreshed_at timestamptz not null
);
insert into read_model_refreshes values ('shipment_details', clock_timestamp());
