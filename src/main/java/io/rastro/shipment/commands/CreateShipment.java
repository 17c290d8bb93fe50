package io.rastro.shipment.commands;

import io.rastro.shipment.ShipmentAddress;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Creates a shipment: {@code POST /api/v1/shipments}.
 *
 * @param reference the sender's own order id; a second create with the same customer and reference
 *     finds the first shipment instead of making another
 */
@Schema(
    example =
        """
        {"customerId": "7c0e2d4a-5b1f-4e8a-9c3d-2f6b8a1e4d70", "reference": "ORDER-1001",
         "carrierCode": "SEUR", "promisedDeliveryDate": "2026-12-24",
         "origin": {"line1": "Calle Mayor 1", "city": "Madrid", "postalCode": "28013",
                    "country": "ES"},
         "destination": {"line1": "Jr. Lampa 1", "city": "Lima", "country": "PE",
                         "lat": -12.05, "lon": -77.03}}
        """)
public record CreateShipment(
    @NotNull UUID customerId,
    @Nullable @Size(min = 1, max = 100) String reference,
    @Nullable @Size(max = 32) String carrierCode,
    @Nullable @Size(max = 64) String service,
    @Nullable @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000") BigDecimal weightKg,
    @Nullable LocalDate promisedDeliveryDate,
    @NotNull @Valid ShipmentAddress origin,
    @NotNull @Valid ShipmentAddress destination) {}
