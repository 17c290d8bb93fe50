package io.rastro.security;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rastro.outbox.Outbox;
import io.rastro.platform.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The API keys: issued once, kept only as SHA-256 hashes, looked up on every request (through a
 * short cache), revoked by id.
 */
@Repository
public class ApiKeys {

  /** Every key starts with this, so that a secret scanner can spot a leaked one. */
  static final String KEY_PREFIX = "rastro_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final Clock clock;
  private final byte @Nullable [] bootstrapHash;
  private final Cache<String, Optional<Caller>> cache;

  ApiKeys(JdbcClient jdbc, Outbox outbox, Clock clock, SecurityProperties properties) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.clock = clock;
    var bootstrap = properties.bootstrapAdminKey();
    if (bootstrap != null && !bootstrap.isBlank() && bootstrap.strip().length() < 32) {
      throw new IllegalStateException(
          "rastro.security.bootstrap-admin-key (RASTRO_BOOTSTRAP_ADMIN_KEY) must be at least 32"
              + " characters");
    }
    this.bootstrapHash = bootstrap == null || bootstrap.isBlank() ? null : hash(bootstrap.strip());
    this.cache =
        Caffeine.newBuilder().expireAfterWrite(properties.keyCache()).maximumSize(100_000).build();
  }

  /** A key as listed: everything but the key itself. */
  public record ApiKey(
      UUID id,
      String name,
      Caller.Role role,
      @Nullable UUID customerId,
      @Nullable String carrierCode,
      String prefix,
      Instant createdAt,
      @Nullable Instant revokedAt) {}

  /** A new key, with the secret shown this once: Rastro keeps only its hash. */
  public record Issued(@JsonUnwrapped ApiKey apiKey, String key) {}

  /** Issues a key; its hash goes on the bus for the query roles (an internal event). */
  @Transactional
  public Issued issue(
      String name, Caller.Role role, @Nullable UUID customerId, @Nullable String carrierCode) {
    var bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    var key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    var apiKey =
        new ApiKey(
            UUID.randomUUID(),
            name,
            role,
            customerId,
            carrierCode,
            key.substring(0, KEY_PREFIX.length() + 6),
            clock.instant(),
            null);
    var issued =
        new ApiKeyIssued(
            apiKey.id(),
            name,
            role,
            customerId,
            carrierCode,
            Base64.getEncoder().encodeToString(hash(key)),
            apiKey.prefix(),
            apiKey.createdAt());
    record(issued);
    outbox.add(List.of(issued));
    return new Issued(apiKey, key);
  }

  /**
   * Keeps a key as issued; a key already kept stays as it is. The query roles call it with what the
   * bus brings.
   */
  public void record(ApiKeyIssued issued) {
    jdbc.sql(
            """
            insert into api_keys (id, name, role, customer_id, carrier_code, key_hash, key_prefix, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (id) do nothing
            """)
        .param(issued.id())
        .param(issued.name())
        .param(issued.role().name())
        .param(issued.customerId())
        .param(issued.carrierCode())
        .param(Base64.getDecoder().decode(issued.keyHash()))
        .param(issued.prefix())
        .param(Timestamp.from(issued.createdAt()))
        .update();
    forgetLookupsAfterCommit();
  }

  /**
   * Keeps a key as revoked at that time, if it was not already; returns whether the key exists. The
   * query roles call it with what the bus brings.
   */
  public boolean record(ApiKeyRevoked revoked) {
    var found =
        jdbc.sql("update api_keys set revoked_at = coalesce(revoked_at, ?) where id = ?")
                .params(Timestamp.from(revoked.revokedAt()), revoked.id())
                .update()
            > 0;
    forgetLookupsAfterCommit();
    return found;
  }

  /**
   * Forgets every cached lookup once the change is committed (at once outside a transaction): a
   * lookup that ran before would otherwise be trusted for {@code key-cache}.
   */
  private void forgetLookupsAfterCommit() {
    cache.invalidateAll();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              cache.invalidateAll();
            }
          });
    }
  }

  /** The caller a key names; empty when the key is unknown or revoked. */
  public Optional<Caller> authenticate(String key) {
    var hash = hash(key);
    if (bootstrapHash != null && MessageDigest.isEqual(hash, bootstrapHash)) {
      return Optional.of(new Caller("bootstrap", Caller.Role.ADMIN, null, null));
    }
    return cache.get(
        Base64.getEncoder().encodeToString(hash),
        h ->
            jdbc.sql(
                    "select id, role, customer_id, carrier_code from api_keys"
                        + " where key_hash = ? and revoked_at is null")
                .param(hash)
                .query(
                    (rs, n) ->
                        new Caller(
                            rs.getString("id"),
                            Caller.Role.valueOf(rs.getString("role")),
                            rs.getObject("customer_id", UUID.class),
                            rs.getString("carrier_code")))
                .optional());
  }

  /** The caller as Spring Security carries it: the principal, with its role as authority. */
  public static Authentication authentication(Caller caller) {
    return UsernamePasswordAuthenticationToken.authenticated(
        caller, null, List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
  }

  /** Revokes a key at once (the query roles when the bus brings it); returns whether it exists. */
  @Transactional
  public boolean revoke(UUID id) {
    var revoked = new ApiKeyRevoked(id, clock.instant());
    var found = record(revoked);
    if (found) {
      outbox.add(List.of(revoked));
    }
    return found;
  }

  public List<ApiKey> list() {
    return jdbc.sql(
            "select id, name, role, customer_id, carrier_code, key_prefix, created_at, revoked_at"
                + " from api_keys order by created_at, id")
        .query(
            (rs, n) -> {
              var revoked = rs.getTimestamp("revoked_at");
              return new ApiKey(
                  rs.getObject("id", UUID.class),
                  rs.getString("name"),
                  Caller.Role.valueOf(rs.getString("role")),
                  rs.getObject("customer_id", UUID.class),
                  rs.getString("carrier_code"),
                  rs.getString("key_prefix"),
                  rs.getTimestamp("created_at").toInstant(),
                  revoked == null ? null : revoked.toInstant());
            })
        .list();
  }

  /** Whether any ADMIN key is in force, besides the bootstrap one. */
  public boolean anyAdmin() {
    return jdbc.sql(
            "select exists (select 1 from api_keys where role = 'ADMIN' and revoked_at is null)")
        .query(Boolean.class)
        .single();
  }

  private static byte[] hash(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }
}
