package io.rastro.shipment;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The archive as the write side sees it: shipments that left the write model for it are still
 * taken, and come back when something happens to them. The archive module implements it.
 */
public interface ShipmentArchive {

  /** Whether the archive holds a shipment of this tracking number. */
  boolean holds(TrackingNumber trackingNumber);

  /**
   * What the archive holds of a shipment, for a writer to tell whether an event of it is new.
   *
   * @param carrierCode the carrier it is assigned to
   * @param eventIds the ids of its events
   */
  record Held(@Nullable String carrierCode, Set<String> eventIds) {}

  /**
   * What the archive holds of the shipments among these, read from their files; their entries in
   * the archive stay locked until the caller's transaction ends.
   */
  Map<TrackingNumber, Held> held(Collection<TrackingNumber> trackingNumbers);

  /**
   * Brings the archived shipments among these back into the write model, whole, in the caller's
   * transaction, and publishes that they came back.
   *
   * @return the internal ids of those brought back
   */
  Map<TrackingNumber, Long> restore(Collection<TrackingNumber> trackingNumbers);
}
