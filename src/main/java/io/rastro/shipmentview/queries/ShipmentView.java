package io.rastro.shipmentview.queries;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rastro.tracking.TrackingStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Everything Rastro shows about one shipment: {@code GET /api/v1/shipments/{trackingNumber}}.
 *
 * @param status the status of the event with the latest {@code occurredAt}, or {@code PENDING}
 * @param events the whole history, oldest first by {@code occurredAt}
 * @param asOf every write committed before this instant is reflected here
 * @param lagMs how far {@code asOf} is behind the moment of this answer
 * @param archived {@code true} when the shipment is read from the archive (it left the database
 *     after a long time without activity); absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentView(
    String trackingNumber,
    @Nullable String reference,
    @Schema(ref = TrackingStatus.SHIPMENT_STATUS_SCHEMA) String status,
    CustomerRef customer,
    @Nullable CarrierRef carrier,
    @Nullable String service,
    @Nullable BigDecimal weightKg,
    AddressView origin,
    AddressView destination,
    Instant createdAt,
    @Nullable EventView lastEvent,
    int eventCount,
    List<EventView> events,
    @Nullable LocalDate estimatedDelivery,
    @Nullable Instant deliveredAt,
    Instant asOf,
    long lagMs,
    @Nullable Boolean archived) {

  /** The customer a shipment belongs to. */
  public record CustomerRef(UUID id, String name) {}

  /** The carrier that moves a shipment. */
  public record CarrierRef(String code, @Nullable String name) {}

  /** An address as shown. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AddressView(
      String line1,
      String city,
      @Nullable String postalCode,
      String country,
      @Nullable Double lat,
      @Nullable Double lon) {}

  /** One tracking event as shown: both the carrier's time and Rastro's. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EventView(
      String eventId,
      @Schema(implementation = TrackingStatus.class) String status,
      Instant occurredAt,
      Instant receivedAt,
      @Nullable LocationView location,
      @Nullable String description,
      @Nullable String reason) {}

  /** Where an event happened. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LocationView(
      @Nullable String name,
      @Nullable String city,
      @Nullable String country,
      @Nullable Double lat,
      @Nullable Double lon) {}
}
