-- The projected read model in the same shape as the materialized view shipment_details, so that
-- one query serves both read-model modes. Only shipments whose creation is applied show.
create view shipment_projection_details as
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
       (select coalesce(jsonb_agg(e.event order by e.occurred_at, e.status_rank, e.event_id), '[]'::jsonb)
        from shipment_projection_events e where e.tracking_number = p.tracking_number) as events
from shipment_projection p
where p.created_at is not null;
