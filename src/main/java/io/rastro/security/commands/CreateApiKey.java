package io.rastro.security.commands;

import io.rastro.platform.Caller;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Create an API key.
 *
 * @param name what the key is for, to recognize it in the list
 * @param customerId required for a {@code SHIPPER}, refused for any other role
 * @param carrierCode required for a {@code CARRIER}, refused for any other role
 */
@Schema(
    example = "{\"role\": \"CARRIER\", \"carrierCode\": \"SEUR\", \"name\": \"SEUR integration\"}")
record CreateApiKey(
    @NotNull Caller.Role role,
    @Nullable UUID customerId,
    @Nullable @Size(max = 32) String carrierCode,
    @NotBlank @Size(max = 100) String name) {}
