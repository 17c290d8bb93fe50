package io.rastro.shipmentview.refresh;

import java.util.Optional;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the read-model check compares of each shipment, the same on every side: status, the last
 * event whole (its instants as instants: a projection written by an older Rastro spells them {@code
 * Z}, the database {@code +00:00}), event count, delivery time, owner, carrier, reference, creation
 * time, and the set of event ids in the history. Read from the write model's recomputation ({@code
 * shipment_details}) or from the projection ({@code shipment_projection_details}), in this
 * database.
 */
@Component
class Compared {

  static final String COLUMNS =
      """
      tracking_number, status, event_count::bigint as event_count, delivered_at, customer_id,
      carrier_code, reference, created_at,
      last_event || jsonb_build_object(
          'occurredAt', (last_event ->> 'occurredAt')::timestamptz,
          'receivedAt', (last_event ->> 'receivedAt')::timestamptz) as last_event,
      (select array_agg(x order by x) from (select e ->> 'eventId' as x
       from jsonb_array_elements(events) e) ids) as event_ids""";

  /** The JSON spells instants in the session's time zone: the same on every side. */
  private static final String UTC = "set local timezone = 'UTC'";

  private static final int FETCH = 1000;

  private final JdbcClient jdbc;
  private final JdbcTemplate streaming;
  private final TransactionTemplate transaction;

  Compared(JdbcClient jdbc, DataSource dataSource, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.streaming = new JdbcTemplate(dataSource);
    this.streaming.setFetchSize(FETCH);
    this.transaction = transaction;
  }

  /**
   * Hands over each shipment of the relation as its tracking number and the MD5 of its compared
   * columns as JSON, in byte order of the tracking number (so that two databases' lists merge in
   * one pass), fetched a thousand at a time: never all in memory.
   */
  void digests(String relation, BiConsumer<String, String> each) {
    transaction.executeWithoutResult(
        status -> {
          streaming.execute(UTC);
          streaming.query(
              """
              select tracking_number, md5(to_jsonb(c)::text)
              from (select %s from %s) c
              order by tracking_number collate "C"
              """
                  .formatted(COLUMNS, relation),
              rs -> {
                each.accept(rs.getString(1), rs.getString(2));
              });
        });
  }

  /** One shipment's compared columns as JSON, if the relation has it. */
  Optional<String> one(String relation, String trackingNumber) {
    return Optional.ofNullable(
        transaction.execute(
            status -> {
              jdbc.sql(UTC).update();
              return jdbc.sql(
                      "select to_jsonb(c)::text from (select %s from %s where tracking_number = ?) c"
                          .formatted(COLUMNS, relation))
                  .param(trackingNumber)
                  .query(String.class)
                  .optional()
                  .orElse(null);
            }));
  }
}
