package io.rastro.archive;

import io.rastro.shipment.NewShipment;
import io.rastro.shipment.ShipmentAddress;
import io.rastro.shipment.ShipmentCreated;
import io.rastro.shipment.TrackingNumber;
import io.rastro.tracking.TrackingEventRecorded;
import io.rastro.tracking.TrackingStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One shipment as an archive file holds it: one Parquet row, with its events nested in it, oldest
 * first by the status rule. Everything a reader shows is here, the customer's and carrier's names
 * as they were when it was archived included, so that reading it needs nothing else.
 *
 * @param shipmentId its key in the write model, kept when it is restored
 * @param status its status when archived: {@code PENDING} or that of its latest event
 */
public record ArchivedShipment(
    String trackingNumber,
    long shipmentId,
    UUID customerId,
    String customerName,
    @Nullable String customerEmail,
    @Nullable String reference,
    @Nullable String carrierCode,
    @Nullable String carrierName,
    @Nullable String service,
    @Nullable BigDecimal weightKg,
    @Nullable LocalDate promisedDeliveryDate,
    ShipmentAddress origin,
    ShipmentAddress destination,
    Instant createdAt,
    String status,
    List<Event> events) {

  public ArchivedShipment {
    // numeric(12, 3) in PostgreSQL and DECIMAL(12, 3) in the file: one scale, so that equal weights
    // are equal records
    weightKg = weightKg == null ? null : weightKg.setScale(3, RoundingMode.UNNECESSARY);
    events = List.copyOf(events);
  }

  /** One tracking event of an archived shipment. */
  public record Event(
      String eventId,
      TrackingStatus status,
      @Nullable String reason,
      Instant occurredAt,
      Instant receivedAt,
      @Nullable String locationName,
      @Nullable String city,
      @Nullable String country,
      @Nullable Double lat,
      @Nullable Double lon,
      @Nullable String description) {}

  /** The shipment as it was created, as its creation event carried it. */
  public ShipmentCreated created() {
    return new ShipmentCreated(
        new NewShipment(
            new TrackingNumber(trackingNumber),
            customerId,
            reference,
            carrierCode,
            service,
            weightKg,
            promisedDeliveryDate,
            origin,
            destination,
            createdAt),
        shipmentId,
        customerName,
        carrierName,
        customerEmail);
  }

  /** Its history as the events that recorded it. */
  public List<TrackingEventRecorded> recorded() {
    var number = new TrackingNumber(trackingNumber);
    return events.stream()
        .map(
            e ->
                new TrackingEventRecorded(
                    number,
                    e.eventId(),
                    e.status(),
                    e.occurredAt(),
                    e.receivedAt(),
                    e.locationName(),
                    e.city(),
                    e.country(),
                    e.lat(),
                    e.lon(),
                    e.description(),
                    e.reason(),
                    null))
        .toList();
  }
}
