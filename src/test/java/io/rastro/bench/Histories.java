package io.rastro.bench;

/**
 * The SQL of {@link BulkLoader#histories}: shipments of several carriers on several lanes, with a
 * promised date for four in five, and histories from {@code INFO_RECEIVED} through {@code
 * PICKED_UP} and transit to {@code DELIVERED}, some with an exception, a failed attempt or a
 * return, some still on their way; about 5.8 tracking events a shipment. Everything is derived from
 * the shipment's number {@code n} (the temporary table {@code bulk (n, tn)}), so that a size loads
 * the same data on every run. Each write also gets its domain event in the outbox, in the JSON of
 * the published event types ({@code src/test/resources/events}), so that the outbox's consumers can
 * take the bulk-loaded rows as they take written ones.
 */
final class Histories {

  private Histories() {}

  /** ~5.8 tracking events per shipment, on average over the fates below. */
  static final double EVENTS_PER_SHIPMENT = 5.8;

  /** Prepares the monthly partitions of {@code tracking_events} from parameter 1 to 2. */
  static final String PARTITIONS =
      """
      select ensure_tracking_events_partition(m)
      from generate_series(date_trunc('month', ?::timestamptz, 'UTC'), ?::timestamptz,
                           interval '1 month') m
      """;

  /**
   * Parameters: the customer, the carriers' codes (an array), the anchor instant. Created over the
   * 120 days that end ten days before the anchor, so that every history is over by then.
   */
  static final String SHIPMENTS =
      """
      with origin as (
          insert into addresses (line1, city, postal_code, country)
          select 'o:' || n,
                 (array['Madrid','Barcelona','Valencia','Lisboa','Porto','Lyon'])[1 + n % 6],
                 '28013', (array['ES','ES','ES','PT','PT','FR'])[1 + n % 6]
          from bulk returning id, line1),
      destination as (
          insert into addresses (line1, city, postal_code, country)
          select 'd:' || n,
                 (array['Lima','Bogotá','Quito','Santiago','Ciudad de México','Sevilla','París',
                        'Bilbao'])[1 + (n / 7) % 8],
                 null, (array['PE','CO','EC','CL','MX','ES','FR','ES'])[1 + (n / 7) % 8]
          from bulk returning id, line1),
      made as (
          select b.n, b.tn,
                 date_trunc('second', ?::timestamptz - interval '130 days'
                     + ((b.n * 7919) % 10368000) * interval '1 second') as created_at
          from bulk b)
      insert into shipments (tracking_number, customer_id, reference, carrier_code, service,
          weight_kg, promised_delivery_date, origin_address_id, destination_address_id, created_at)
      select m.tn, ?, 'B-' || m.n, (?::text[])[1 + (m.n / 3) % cardinality(?::text[])],
             (array['standard','express'])[1 + m.n % 2], 0.5 + (m.n % 40) / 4.0,
             case when m.n % 5 = 0 then null
                  else (m.created_at at time zone 'UTC')::date + (2 + m.n % 5)::int end,
             o.id, d.id, m.created_at
      from made m
      join origin o on o.line1 = 'o:' || m.n
      join destination d on d.line1 = 'd:' || m.n
      """;

  /**
   * Every shipment's history, by its fate {@code n % 100}: 0-4 an exception and then delivered, 5-9
   * a failed attempt and then delivered, 10-12 an exception and returned, 13-16 still in transit,
   * the rest delivered. Transit takes 20 to 119 hours plus six per carrier. No two events of a
   * shipment share an instant.
   */
  static final String EVENTS =
      """
      insert into tracking_events (shipment_id, occurred_at, event_id, status, reason, received_at,
          city, country)
      select h.shipment_id, h.occurred_at, 'b-' || h.k, h.status::tracking_status, h.reason,
             h.occurred_at + interval '2 minutes', h.city, h.country
      from (
          select s.id as shipment_id, k, step.status, step.reason, step.city, step.country,
                 s.created_at + step.minutes * interval '1 minute' as occurred_at
          from bulk b
          join shipments s on s.tracking_number = b.tn
          join addresses o on o.id = s.origin_address_id
          join addresses d on d.id = s.destination_address_id
          cross join lateral (select b.n % 100 as fate,
                                     (20 + (b.n * 31) % 100
                                      + 6 * array_position(?::text[], s.carrier_code)) * 60 as t) f
          cross join lateral generate_series(1, 8) k
          cross join lateral (
              select case k
                       when 1 then 'INFO_RECEIVED' when 2 then 'PICKED_UP' when 3 then 'IN_TRANSIT'
                       when 4 then 'IN_TRANSIT' when 5 then 'EXCEPTION'
                       when 6 then 'DELIVERY_ATTEMPTED' when 7 then 'OUT_FOR_DELIVERY'
                       else case when f.fate between 10 and 12 then 'RETURNED_TO_SENDER'
                                 else 'DELIVERED' end end as status,
                     case k
                       when 1 then 10 when 2 then 240 + b.n % 240 when 3 then 720
                       when 4 then 720 + f.t / 2 when 5 then 720 + f.t / 2 + 120
                       when 6 then 720 + f.t + 180 when 7 then 720 + f.t
                       else case when f.fate between 10 and 12 then 720 + f.t + 2880
                                 when f.fate between 5 and 9 then 720 + f.t + 1620
                                 else 720 + f.t + 240 end end as minutes,
                     case k
                       when 5 then (array['ADDRESS_INCOMPLETE','DAMAGED','CUSTOMS_HOLD',
                                          'WEATHER'])[1 + (b.n / 100) % 4]
                       when 6 then 'RECIPIENT_ABSENT'
                       when 8 then case when f.fate between 10 and 12 then 'REFUSED' end
                     end as reason,
                     case when k <= 2 or (k = 8 and f.fate between 10 and 12) then o.city
                          when k = 3 then (array['Zaragoza','Zaragoza','Zaragoza','Lisboa',
                                                 'Lisboa','Lyon'])[1 + b.n % 6]
                          else d.city end as city,
                     case when k <= 3 or (k = 8 and f.fate between 10 and 12) then o.country
                          else d.country end as country,
                     case k
                       when 4 then b.n % 4 <> 0
                       when 5 then f.fate < 5 or f.fate between 10 and 12
                       when 6 then f.fate between 5 and 9
                       when 7 then f.fate not between 10 and 16
                       when 8 then f.fate not between 13 and 16
                       else true end as happens) step
          where step.happens) h
      """;

  /** The idempotency ledger and each shipment's current status, as the write path keeps them. */
  static final String KEYS =
      """
      insert into tracking_event_keys (shipment_id, event_id, occurred_at)
      select e.shipment_id, e.event_id, e.occurred_at
      from bulk b join shipments s on s.tracking_number = b.tn
      join tracking_events e on e.shipment_id = s.id
      """;

  static final String STATUS =
      """
      insert into shipment_status (shipment_id, occurred_at, status, event_id)
      select distinct on (e.shipment_id) e.shipment_id, e.occurred_at, e.status, e.event_id
      from bulk b join shipments s on s.tracking_number = b.tn
      join tracking_events e on e.shipment_id = s.id
      order by e.shipment_id, e.occurred_at desc
      """;

  private static final String ISO = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

  /** The {@code ShipmentCreated} events, in the order of the shipments' numbers. */
  static final String SHIPMENTS_CREATED =
      """
      insert into outbox (type, subject, data)
      select 'ShipmentCreated', s.tracking_number, jsonb_build_object(
          'shipment', jsonb_build_object(
              'trackingNumber', s.tracking_number, 'customerId', s.customer_id,
              'reference', s.reference, 'carrierCode', s.carrier_code, 'service', s.service,
              'weightKg', s.weight_kg, 'promisedDeliveryDate', s.promised_delivery_date,
              'origin', jsonb_build_object('line1', o.line1, 'city', o.city,
                  'postalCode', o.postal_code, 'country', o.country, 'lat', o.lat, 'lon', o.lon),
              'destination', jsonb_build_object('line1', d.line1, 'city', d.city,
                  'postalCode', d.postal_code, 'country', d.country, 'lat', d.lat, 'lon', d.lon),
              'createdAt', to_char(s.created_at at time zone 'UTC', %1$s)),
          'shipmentId', s.id, 'customerName', c.name, 'carrierName', k.name,
          'customerEmail', c.email)
      from bulk b
      join shipments s on s.tracking_number = b.tn
      join customers c on c.id = s.customer_id
      left join carriers k on k.code = s.carrier_code
      join addresses o on o.id = s.origin_address_id
      join addresses d on d.id = s.destination_address_id
      order by b.n
      """
          .formatted(ISO);

  /** The {@code TrackingEventRecorded} events, in the order they happened. */
  static final String EVENTS_RECORDED =
      """
      insert into outbox (type, subject, data)
      select 'TrackingEventRecorded', s.tracking_number, jsonb_build_object(
          'trackingNumber', s.tracking_number, 'eventId', e.event_id, 'status', e.status,
          'occurredAt', to_char(e.occurred_at at time zone 'UTC', %1$s),
          'receivedAt', to_char(e.received_at at time zone 'UTC', %1$s),
          'locationName', e.location_name, 'city', e.city, 'country', e.country,
          'lat', e.lat, 'lon', e.lon, 'description', e.description, 'reason', e.reason,
          'senderCarrier', null)
      from bulk b
      join shipments s on s.tracking_number = b.tn
      join tracking_events e on e.shipment_id = s.id
      order by e.occurred_at, b.n
      """
          .formatted(ISO);

  /**
   * Moves the cursors named in parameter 1 (an array) past every row of this transaction, once it
   * holds their locks: those consumers never see the bulk rows (the read model, search and webhooks
   * would take hours over them), the others take them as any written events.
   */
  static final String SKIP =
      """
      update outbox_cursors
      set txid = pg_current_xact_id(), position = (select max(position) from outbox)
      where name = any (?)
      """;
}
