package io.rastro.shipmentview.refresh;

/**
 * What the read-model check compares of each shipment, the same on every side: status, the last
 * event whole (its instants as instants: a projection written by an older Rastro spells them {@code
 * Z}, the database {@code +00:00}), event count, delivery time, owner, carrier, reference, creation
 * time, and the set of event ids in the history.
 */
final class Compared {

  static final String COLUMNS =
      """
      tracking_number, status, event_count::bigint as event_count, delivered_at, customer_id,
      carrier_code, reference, created_at,
      last_event || jsonb_build_object(
          'occurredAt', (last_event ->> 'occurredAt')::timestamptz,
          'receivedAt', (last_event ->> 'receivedAt')::timestamptz) as last_event,
      (select array_agg(x order by x) from (select e ->> 'eventId' as x
       from jsonb_array_elements(events) e) ids) as event_ids""";

  /**
   * Each shipment of this relation as its tracking number and the MD5 of its compared columns as
   * JSON, in byte order of the tracking number, so that two databases' lists merge in one pass. Run
   * it after {@link #UTC}: the JSON spells instants in the session's time zone.
   */
  static String digests(String relation) {
    return """
        select tracking_number, md5(to_jsonb(c)::text)
        from (select %s from %s) c
        order by tracking_number collate "C"
        """
        .formatted(COLUMNS, relation);
  }

  /** One shipment's compared columns as JSON, or none; after {@link #UTC}. */
  static String one(String relation) {
    return "select to_jsonb(c)::text from (select %s from %s where tracking_number = ?) c"
        .formatted(COLUMNS, relation);
  }

  /** The time zone both sides spell instants in, for the transaction. */
  static final String UTC = "set local timezone = 'UTC'";

  private Compared() {}
}
