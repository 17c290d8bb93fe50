package io.rastro.shipment.commands;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.rastro.outbox.ConsistencyToken;
import io.rastro.shipment.TrackingNumber;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The answer to {@link CreateShipment}.
 *
 * @param status {@code PENDING} for a shipment accepted now; absent when an earlier one with the
 *     same reference was already written (read the shipment for its current status)
 * @param consistencyToken send it as {@code X-Rastro-Min-Position} with a query to read this
 *     shipment as soon as the read model has it
 * @param created whether this command was queued (202) rather than found written (200)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentAccepted(
    TrackingNumber trackingNumber,
    @Nullable @Schema(allowableValues = "PENDING") String status,
    String consistencyToken,
    @JsonIgnore boolean created) {

  static ShipmentAccepted created(TrackingNumber trackingNumber) {
    return new ShipmentAccepted(trackingNumber, "PENDING", token(trackingNumber), true);
  }

  static ShipmentAccepted found(TrackingNumber trackingNumber) {
    return new ShipmentAccepted(trackingNumber, null, token(trackingNumber), false);
  }

  private static String token(TrackingNumber trackingNumber) {
    return ConsistencyToken.ofShipment(trackingNumber.value()).encode();
  }
}
