package io.rastro.shipment;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored shipments of the write model. */
@Repository
public class Shipments {

  private final JdbcClient jdbc;
  // Looked up when used: the archive puts shipments back through this repository.
  private final ObjectProvider<ShipmentArchive> archive;

  Shipments(JdbcClient jdbc, ObjectProvider<ShipmentArchive> archive) {
    this.jdbc = jdbc;
    this.archive = archive;
  }

  /**
   * Stores a shipment and its two addresses in one statement, so nothing is half-written.
   *
   * @throws org.springframework.dao.DuplicateKeyException when its tracking number, or its customer
   *     and reference, are taken
   */
  public long add(NewShipment s) {
    return insert(s, null);
  }

  /**
   * Stores a shipment again under the key it had, as {@link #add} does: for one that comes back
   * from the archive.
   */
  public void putBack(NewShipment s, long id) {
    insert(s, id);
  }

  private long insert(NewShipment s, @Nullable Long id) {
    return jdbc.sql(
            """
            with origin as (
                insert into addresses (line1, city, postal_code, country, lat, lon)
                values (?, ?, ?, ?, ?, ?) returning id),
            destination as (
                insert into addresses (line1, city, postal_code, country, lat, lon)
                values (?, ?, ?, ?, ?, ?) returning id)
            insert into shipments (id, tracking_number, customer_id, reference, carrier_code,
                service, weight_kg, promised_delivery_date, origin_address_id,
                destination_address_id, created_at)
            overriding system value
            select coalesce(?, nextval(pg_get_serial_sequence('shipments', 'id'))), ?, ?, ?, ?, ?,
                   ?, ?, origin.id, destination.id, ?
            from origin, destination
            returning id
            """)
        .param(s.origin().line1())
        .param(s.origin().city())
        .param(s.origin().postalCode())
        .param(s.origin().country())
        .param(s.origin().lat())
        .param(s.origin().lon())
        .param(s.destination().line1())
        .param(s.destination().city())
        .param(s.destination().postalCode())
        .param(s.destination().country())
        .param(s.destination().lat())
        .param(s.destination().lon())
        .param(id)
        .param(s.trackingNumber().value())
        .param(s.customerId())
        .param(s.reference())
        .param(s.carrierCode())
        .param(s.service())
        .param(s.weightKg())
        .param(s.promisedDeliveryDate() == null ? null : Date.valueOf(s.promisedDeliveryDate()))
        .param(Timestamp.from(s.createdAt()))
        .query(Long.class)
        .single();
  }

  /** Whether a shipment has this tracking number, in the write model or in the archive. */
  public boolean exists(TrackingNumber trackingNumber) {
    return jdbc.sql("select exists (select 1 from shipments where tracking_number = ?)")
            .param(trackingNumber.value())
            .query(Boolean.class)
            .single()
        || archive.getObject().holds(trackingNumber);
  }

  /** A stored shipment as a writer of its events needs it: its key and its carrier. */
  public record Stored(long id, @Nullable String carrierCode) {}

  /**
   * The shipments among these, each held against deletion (a key-share lock, as the key of an event
   * of it takes anyway) until the caller's transaction ends: one the archive is taking out
   * meanwhile either waits for this transaction or is not found here.
   */
  public Map<TrackingNumber, Stored> forEvents(Collection<TrackingNumber> trackingNumbers) {
    return find(
        trackingNumbers,
        " for key share",
        rs -> new Stored(rs.getLong("id"), rs.getString("carrier_code")));
  }

  /**
   * Serializes, until the caller's transaction ends, every write that concerns these tracking
   * numbers: a shipment's creation and the parking of an event that arrived before it take the same
   * lock, so that one always sees the other and no event waits for a shipment that exists. Locks
   * are taken in order, so that two writers never wait for each other.
   */
  public void lock(Collection<TrackingNumber> trackingNumbers) {
    if (trackingNumbers.isEmpty()) {
      return;
    }
    jdbc.sql(
            "select count(pg_advisory_xact_lock(hashtext('shipment:' || n)))"
                + " from (select distinct unnest(?::text[]) as n order by 1) numbers")
        .param(trackingNumbers.stream().map(TrackingNumber::value).toArray(String[]::new))
        .query(Long.class)
        .single();
  }

  /** The internal ids of the shipments that exist among these tracking numbers. */
  public Map<TrackingNumber, Long> idsOf(Collection<TrackingNumber> trackingNumbers) {
    return find(trackingNumbers, "", rs -> rs.getLong("id"));
  }

  /** The carriers assigned to the shipments that exist among these (empty: none assigned). */
  public Map<TrackingNumber, Optional<String>> carriersOf(
      Collection<TrackingNumber> trackingNumbers) {
    return find(trackingNumbers, "", rs -> Optional.ofNullable(rs.getString("carrier_code")));
  }

  private interface Column<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /**
   * The shipments among these, each read by {@code column}, the rows locked as {@code lock} says.
   */
  private <T> Map<TrackingNumber, T> find(
      Collection<TrackingNumber> trackingNumbers, String lock, Column<T> column) {
    var found = new HashMap<TrackingNumber, T>();
    if (trackingNumbers.isEmpty()) {
      return found;
    }
    var values =
        trackingNumbers.stream().map(TrackingNumber::value).distinct().toArray(String[]::new);
    jdbc.sql(
            "select tracking_number, id, carrier_code from shipments"
                + " where tracking_number = any (?)"
                + lock)
        .param(values)
        .query(
            rs -> {
              found.put(new TrackingNumber(rs.getString("tracking_number")), column.read(rs));
            });
    return found;
  }
}
