package io.rastro.shipment.commands;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.rastro.shipment.TrackingNumber;
import org.jspecify.annotations.Nullable;

/**
 * The answer to {@link CreateShipment}.
 *
 * @param status {@code PENDING} for a new shipment; absent when an earlier one was found by its
 *     reference (read the shipment for its current status)
 * @param created whether this command created the shipment
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentAccepted(
    TrackingNumber trackingNumber, @Nullable String status, @JsonIgnore boolean created) {

  static ShipmentAccepted created(TrackingNumber trackingNumber) {
    return new ShipmentAccepted(trackingNumber, "PENDING", true);
  }

  static ShipmentAccepted found(TrackingNumber trackingNumber) {
    return new ShipmentAccepted(trackingNumber, null, false);
  }
}
