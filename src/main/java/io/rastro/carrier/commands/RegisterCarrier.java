package io.rastro.carrier.commands;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Registers a carrier: {@code POST /api/v1/carriers}. The code is kept in upper case. */
@Schema(example = "{\"code\": \"SEUR\", \"name\": \"SEUR\"}")
public record RegisterCarrier(
    @NotBlank
        @Pattern(
            regexp = "[A-Za-z0-9][A-Za-z0-9_-]{1,31}",
            message = "must be 2 to 32 letters, digits, '_' or '-'")
        String code,
    @NotBlank @Size(max = 200) String name) {}
