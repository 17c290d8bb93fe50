package io.rastro.platform;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The request conflicts with what exists, such as a second carrier with the same code, or with what
 * is under way, such as a second archive run; answered {@code 409}, with {@code Retry-After} when
 * waiting will resolve it.
 */
public class ConflictException extends RuntimeException {

  private final @Nullable Duration retryAfter;

  public ConflictException(String detail) {
    this(detail, null);
  }

  public ConflictException(String detail, @Nullable Duration retryAfter) {
    super(detail);
    this.retryAfter = retryAfter;
  }

  /** How long to wait before asking again, when waiting will resolve it. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
