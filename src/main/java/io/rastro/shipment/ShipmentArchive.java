package io.rastro.shipment;

import java.util.Collection;
import java.util.Map;

/**
 * The archive as the write side sees it: shipments that left the write model for it are still
 * taken, and come back when something happens to them. The archive module implements it.
 */
public interface ShipmentArchive {

  /** Whether the archive holds a shipment of this tracking number. */
  boolean holds(TrackingNumber trackingNumber);

  /**
   * Brings the archived shipments among these back into the write model, whole, in the caller's
   * transaction, and publishes that they came back.
   *
   * @return the internal ids of those brought back
   */
  Map<TrackingNumber, Long> restore(Collection<TrackingNumber> trackingNumbers);
}
