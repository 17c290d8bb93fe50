package io.rastro.tracking.commands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The id of an event sent without one: a digest of everything the event says, so that an identical
 * retry gets the same id and is recognized as a duplicate, while any difference makes a new event.
 */
final class DerivedEventId {

  static final String PREFIX = "auto-";

  private DerivedEventId() {}

  static String of(String trackingNumber, RecordTrackingEvent event) {
    var location = event.location();
    var content =
        Stream.of(
                trackingNumber,
                event.status(),
                event.occurredAt().toInstant(),
                location == null ? null : location.name(),
                location == null ? null : location.city(),
                location == null ? null : location.country(),
                location == null ? null : location.lat(),
                location == null ? null : location.lon(),
                event.description(),
                event.reason())
            .map(v -> Objects.toString(v, ""))
            .collect(Collectors.joining("\u001f"));
    return PREFIX + HexFormat.of().formatHex(sha256(content), 0, 16);
  }

  private static byte[] sha256(String content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
