package io.rastro.customer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A customer as stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Customer(
    UUID id, String name, String email, @Nullable String phone, Instant createdAt) {}
