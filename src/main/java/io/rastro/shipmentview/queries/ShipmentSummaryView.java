package io.rastro.shipmentview.queries;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rastro.tracking.TrackingStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One shipment in a list. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentSummaryView(
    String trackingNumber,
    @Nullable String reference,
    @Schema(ref = TrackingStatus.SHIPMENT_STATUS_SCHEMA) String status,
    UUID customerId,
    @Nullable String carrierCode,
    String originCity,
    String originCountry,
    String destinationCity,
    String destinationCountry,
    Instant createdAt,
    @Nullable Instant lastEventAt,
    int eventCount,
    @Nullable LocalDate estimatedDelivery,
    @Nullable Instant deliveredAt) {}
