package io.rastro.shipmentview.queries;

import io.rastro.platform.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of shipments ended: the creation time and id of its last item. Keyset pagination
 * stays fast at any depth and never skips or repeats a row when new shipments arrive.
 */
record Cursor(Instant createdAt, long shipmentId) {

  String encode() {
    var text = createdAt + "," + shipmentId;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static Cursor decode(String cursor) {
    try {
      var text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      var comma = text.indexOf(',');
      return new Cursor(
          Instant.parse(text.substring(0, comma)), Long.parseLong(text.substring(comma + 1)));
    } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException e) {
      throw new InvalidRequestException("cursor", "is not a cursor this API returned");
    }
  }
}
