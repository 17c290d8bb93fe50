package io.rastro.customer.commands;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** Registers a customer: {@code POST /api/v1/customers}. */
@Schema(
    example =
        "{\"name\": \"Ana Pérez\", \"email\": \"ana@example.es\", \"phone\": \"+34 600 000 000\"}")
public record RegisterCustomer(
    @NotBlank @Size(max = 200) String name,
    @NotBlank @Email @Size(max = 254) String email,
    @Nullable
        @Size(max = 32)
        @Pattern(
            regexp = "\\+?[0-9 ()-]{3,31}",
            message = "must be a phone number such as +34 600 000 000")
        String phone) {}
