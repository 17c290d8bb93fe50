package io.rastro.shipmentview.queries;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rastro.tracking.TrackingStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What anyone with the tracking number may see of a shipment: where it is in its lifecycle and
 * where it has been, to the city. Nothing personal: no names, e-mails, street addresses,
 * references, descriptions (a carrier may write a name in one) or coordinates.
 *
 * @param events newest first
 * @param archived {@code true} when the shipment is read from the archive; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublicTracking(
    String trackingNumber,
    @Schema(ref = TrackingStatus.SHIPMENT_STATUS_SCHEMA) String status,
    @Nullable LocalDate estimatedDelivery,
    @Nullable Instant deliveredAt,
    @Nullable String carrier,
    List<Step> events,
    Instant asOf,
    @Nullable Boolean archived) {

  /** One event: what happened, when, and in which city. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(name = "PublicTrackingStep")
  public record Step(
      @Schema(implementation = TrackingStatus.class) String status,
      Instant occurredAt,
      @Nullable String city,
      @Nullable String country,
      @Nullable String reason) {}

  static PublicTracking of(ShipmentView shipment) {
    return new PublicTracking(
        shipment.trackingNumber(),
        shipment.status(),
        shipment.estimatedDelivery(),
        shipment.deliveredAt(),
        shipment.carrier() == null ? null : shipment.carrier().name(),
        shipment.events().stream()
            .sorted(Comparator.comparing(ShipmentView.EventView::occurredAt).reversed())
            .map(
                e ->
                    new Step(
                        e.status(),
                        e.occurredAt(),
                        e.location() == null ? null : e.location().city(),
                        e.location() == null ? null : e.location().country(),
                        e.reason()))
            .toList(),
        shipment.asOf(),
        shipment.archived());
  }
}
