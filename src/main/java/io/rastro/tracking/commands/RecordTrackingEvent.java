package io.rastro.tracking.commands;

import io.rastro.tracking.TrackingStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Records what a carrier reports about a shipment: {@code POST
 * /api/v1/shipments/{trackingNumber}/events}, or one item of {@code POST /api/v1/tracking-events}.
 *
 * @param trackingNumber required in a batch item; taken from the path for a single event
 * @param eventId the sender's id for this event, for idempotency; without one Rastro derives it
 *     from the event's content, so that an identical retry is a duplicate
 * @param occurredAt when the carrier saw it happen
 * @param reason an optional sub-status or reason code, such as {@code ADDRESS_UNKNOWN}
 */
@Schema(
    example =
        """
        {"trackingNumber": "RSK3M9QX2PV4T7W", "eventId": "seur-881", "status": "PICKED_UP",
         "occurredAt": "2026-11-28T09:10:00+01:00", "location": {"city": "Madrid", "country": "ES"}}
        """)
public record RecordTrackingEvent(
    @Nullable String trackingNumber,
    @Nullable
        @Size(min = 1, max = 64)
        @Pattern(regexp = "\\p{Graph}+", message = "must be printable, without spaces")
        String eventId,
    @NotNull TrackingStatus status,
    @NotNull OffsetDateTime occurredAt,
    @Nullable @Valid EventLocation location,
    @Nullable @Size(max = 1000) String description,
    @Nullable
        @Size(max = 64)
        @Pattern(
            regexp = "[A-Za-z0-9_.-]+",
            message = "must be a code of letters, digits, '_', '.' or '-'")
        String reason) {

  RecordTrackingEvent withTrackingNumber(String trackingNumber) {
    return new RecordTrackingEvent(
        trackingNumber, eventId, status, occurredAt, location, description, reason);
  }
}
