package io.rastro.archive.internal;

import io.rastro.archive.ArchiveFiles;
import io.rastro.archive.ArchivedShipment;
import io.rastro.archive.ShipmentRestored;
import io.rastro.outbox.Outbox;
import io.rastro.shipment.ShipmentArchive;
import io.rastro.shipment.TrackingNumber;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings archived shipments back into the write model when an event comes for them: read from their
 * file, written back under their own keys, taken out of the index, and published as {@link
 * ShipmentRestored}, all in the writer's transaction, which holds their index rows locked.
 */
@Component
class ShipmentRestorer implements ShipmentArchive {

  private static final Logger log = LoggerFactory.getLogger(ShipmentRestorer.class);

  private final ArchiveLedger ledger;
  private final ArchiveFiles files;
  private final WriteModelRows rows;
  private final Outbox outbox;

  ShipmentRestorer(ArchiveLedger ledger, ArchiveFiles files, WriteModelRows rows, Outbox outbox) {
    this.ledger = ledger;
    this.files = files;
    this.rows = rows;
    this.outbox = outbox;
  }

  @Override
  public boolean holds(TrackingNumber trackingNumber) {
    return ledger.holds(trackingNumber.value());
  }

  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public Map<TrackingNumber, Held> held(Collection<TrackingNumber> trackingNumbers) {
    var held = new HashMap<TrackingNumber, Held>();
    read(trackingNumbers)
        .forEach(
            s ->
                held.put(
                    new TrackingNumber(s.trackingNumber()),
                    new Held(
                        s.carrierCode(),
                        s.events().stream()
                            .map(ArchivedShipment.Event::eventId)
                            .collect(Collectors.toSet()))));
    return held;
  }

  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public Map<TrackingNumber, Long> restore(Collection<TrackingNumber> trackingNumbers) {
    var restored = new HashMap<TrackingNumber, Long>();
    var shipments = read(trackingNumbers);
    if (shipments.isEmpty()) {
      return restored;
    }
    rows.insert(shipments);
    ledger.unindex(shipments.stream().map(ArchivedShipment::trackingNumber).toList());
    outbox.add(
        shipments.stream().map(s -> new ShipmentRestored(s.created(), s.recorded())).toList());
    shipments.forEach(s -> restored.put(new TrackingNumber(s.trackingNumber()), s.shipmentId()));
    log.info(
        "Brought {} archived shipments back for new events, such as {}",
        shipments.size(),
        shipments.getFirst().trackingNumber());
    return restored;
  }

  /** The archived shipments among these, from their files, their index rows locked. */
  private List<ArchivedShipment> read(Collection<TrackingNumber> trackingNumbers) {
    if (trackingNumbers.isEmpty()) {
      return List.of();
    }
    return ledger.locate(trackingNumbers.stream().map(TrackingNumber::value).toList()).stream()
        .map(
            at ->
                files
                    .read(at.file(), at.trackingNumber())
                    .orElseThrow(
                        () ->
                            new IllegalStateException(
                                "The archive file %s does not hold %s, which the index puts there"
                                    .formatted(at.file(), at.trackingNumber()))))
        .toList();
  }
}
