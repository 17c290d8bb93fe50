package io.rastro.shipment;

import io.rastro.platform.CountryCode;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A postal address, optionally with coordinates. */
public record ShipmentAddress(
    @NotBlank @Size(max = 200) String line1,
    @NotBlank @Size(max = 100) String city,
    @Nullable @Size(max = 20) String postalCode,
    @NotNull @CountryCode String country,
    @Nullable @DecimalMin("-90") @DecimalMax("90") Double lat,
    @Nullable @DecimalMin("-180") @DecimalMax("180") Double lon) {}
