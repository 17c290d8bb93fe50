package io.rastro.shipment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A shipment about to be stored, with its addresses. */
public record NewShipment(
    TrackingNumber trackingNumber,
    UUID customerId,
    @Nullable String reference,
    @Nullable String carrierCode,
    @Nullable String service,
    @Nullable BigDecimal weightKg,
    @Nullable LocalDate promisedDeliveryDate,
    ShipmentAddress origin,
    ShipmentAddress destination,
    Instant createdAt) {}
