package io.rastro.tracking.commands;

import io.rastro.platform.CountryCode;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Where a tracking event happened; every part is optional. */
public record EventLocation(
    @Nullable @Size(max = 200) String name,
    @Nullable @Size(max = 100) String city,
    @Nullable @CountryCode String country,
    @Nullable @DecimalMin("-90") @DecimalMax("90") Double lat,
    @Nullable @DecimalMin("-180") @DecimalMax("180") Double lon) {}
