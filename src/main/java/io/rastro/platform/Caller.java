package io.rastro.platform;

import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who sent the request being served: an API key's role and, for a shipper or a carrier, whose data
 * it is bound to.
 *
 * @param keyId the key's id, as {@code GET /api/v1/admin/api-keys} lists it
 * @param customerId set for a {@code SHIPPER}
 * @param carrierCode set for a {@code CARRIER}
 */
public record Caller(
    String keyId, Role role, @Nullable UUID customerId, @Nullable String carrierCode) {

  /** What a key may do. */
  public enum Role {
    /** Everything, key management included. */
    ADMIN,
    /** Reads everything, the operations views and metrics; changes nothing. */
    OPERATOR,
    /** Creates and reads the shipments of one customer. */
    SHIPPER,
    /** Records tracking events for the shipments assigned to one carrier. */
    CARRIER
  }

  /** The caller of the request this thread serves; empty for the public. */
  public static Optional<Caller> current() {
    var authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null && authentication.getPrincipal() instanceof Caller caller
        ? Optional.of(caller)
        : Optional.empty();
  }

  /** The one customer whose shipments the caller may see; empty when it may see every one. */
  public static Optional<UUID> customerScope() {
    return current().filter(c -> c.role() == Role.SHIPPER).map(Caller::customerId);
  }

  /** The one carrier whose shipments the caller may post events for; empty for any. */
  public static Optional<String> carrierScope() {
    return current().filter(c -> c.role() == Role.CARRIER).map(Caller::carrierCode);
  }
}
