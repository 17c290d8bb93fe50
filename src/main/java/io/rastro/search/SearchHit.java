package io.rastro.search;

import io.rastro.shipment.ShipmentAddress;
import io.rastro.tracking.TrackingStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One shipment found.
 *
 * @param lastEvent its latest tracking event by the status rule, as its history shows it
 * @param distanceKm from the point the search measured from, when it measured
 * @param score how well it matched the text, by the engine's own scale, when there was text
 */
public record SearchHit(
    String trackingNumber,
    @Schema(ref = TrackingStatus.SHIPMENT_STATUS_SCHEMA) String status,
    @Nullable String reference,
    @Nullable String customerName,
    @Nullable String carrierCode,
    @Nullable ShipmentAddress origin,
    @Nullable ShipmentAddress destination,
    @Nullable JsonNode lastEvent,
    @Nullable Double distanceKm,
    @Nullable Double score) {}
