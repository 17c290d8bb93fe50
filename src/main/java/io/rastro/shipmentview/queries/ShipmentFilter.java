package io.rastro.shipmentview.queries;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What a list of shipments is narrowed to; every part is optional. */
record ShipmentFilter(
    @Nullable UUID customerId,
    @Nullable String status,
    @Nullable String carrierCode,
    @Nullable Instant createdFrom,
    @Nullable Instant createdTo,
    @Nullable Cursor after,
    int limit) {}
