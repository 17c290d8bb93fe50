package io.rastro.tracking;

import io.rastro.platform.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The normalized status a tracking event reports. The order is the lifecycle's and breaks ties:
 * when two events of a shipment share their {@code occurredAt}, the one later in this list sets the
 * shipment's status. A shipment with no event yet is {@code PENDING}, which no event reports.
 */
public enum TrackingStatus {
  INFO_RECEIVED,
  PICKED_UP,
  IN_TRANSIT,
  OUT_FOR_DELIVERY,
  DELIVERY_ATTEMPTED,
  AVAILABLE_FOR_PICKUP,
  EXCEPTION,
  RETURNED_TO_SENDER,
  DELIVERED,
  CANCELLED;

  /**
   * The OpenAPI schema of a shipment's status, {@code PENDING} or one of these, for
   * {@code @Schema(ref = …)} on fields and parameters that carry one.
   */
  public static final String SHIPMENT_STATUS_SCHEMA = "#/components/schemas/ShipmentStatus";

  /**
   * A status a query filters by, in any case: {@code PENDING} or one of these.
   *
   * @throws InvalidRequestException naming {@code status} when it is neither
   */
  public static String filter(String status) {
    var value = status.strip().toUpperCase(Locale.ROOT);
    if (value.equals("PENDING") || Arrays.stream(values()).anyMatch(s -> s.name().equals(value))) {
      return value;
    }
    throw new InvalidRequestException(
        "status",
        "unknown value '%s'; expected PENDING or one of %s"
            .formatted(status, Arrays.toString(values())));
  }
}
