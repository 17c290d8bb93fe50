package io.rastro.outbox;

import io.rastro.platform.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Names one accepted write, so that a reader can ask to see it: the creation of a shipment, or one
 * tracking event. Rastro hands one out with each {@code 202}; a query sent with it in {@code
 * X-Rastro-Min-Position} answers only once the read model reflects that write.
 *
 * @param eventId null for a shipment's creation
 */
public record ConsistencyToken(String trackingNumber, @Nullable String eventId) {

  public static ConsistencyToken ofShipment(String trackingNumber) {
    return new ConsistencyToken(trackingNumber, null);
  }

  public static ConsistencyToken ofEvent(String trackingNumber, String eventId) {
    return new ConsistencyToken(trackingNumber, eventId);
  }

  public String encode() {
    var text =
        eventId == null
            ? "s\u0000" + trackingNumber
            : "e\u0000" + trackingNumber + "\u0000" + eventId;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  public static ConsistencyToken decode(String token) {
    try {
      var parts =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
              .split("\u0000", -1);
      if (parts[0].equals("s") && parts.length == 2) {
        return ofShipment(parts[1]);
      }
      if (parts[0].equals("e") && parts.length == 3) {
        return ofEvent(parts[1], parts[2]);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new InvalidRequestException(
        "X-Rastro-Min-Position", "is not a consistency token Rastro issued");
  }
}
