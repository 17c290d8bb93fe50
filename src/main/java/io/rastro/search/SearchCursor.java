package io.rastro.search;

import io.rastro.platform.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Where a page of hits ended: the last hit's sort key (its score, its distance, or its creation
 * time, as the engine sorts) and its tracking number, which breaks ties. Opaque to callers.
 */
public record SearchCursor(SearchQuery.Sort sort, double key, String trackingNumber) {

  /** The cursor as the answer's {@code nextCursor}. */
  public String encode() {
    var number = trackingNumber.getBytes(StandardCharsets.UTF_8);
    var bytes =
        ByteBuffer.allocate(1 + Double.BYTES + number.length)
            .put(tag(sort))
            .putDouble(key)
            .put(number)
            .array();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Reads a {@code cursor} parameter back.
   *
   * @throws InvalidRequestException when it is not one this API gave, or was given for another
   *     order
   */
  public static SearchCursor decode(String cursor, SearchQuery.Sort sort) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (bytes.length <= 1 + Double.BYTES || bytes[0] != tag(sort)) {
      throw invalid();
    }
    var buffer = ByteBuffer.wrap(bytes, 1, Double.BYTES);
    var number =
        new String(
            Arrays.copyOfRange(bytes, 1 + Double.BYTES, bytes.length), StandardCharsets.UTF_8);
    return new SearchCursor(sort, buffer.getDouble(), number);
  }

  /** The order a cursor was made for, as one byte: the initial of its name. */
  private static byte tag(SearchQuery.Sort sort) {
    return (byte) sort.name().charAt(0);
  }

  private static InvalidRequestException invalid() {
    return new InvalidRequestException(
        "cursor", "is not a cursor of this search's order; pass nextCursor as it was answered");
  }
}
