package io.rastro.archive.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rastro.archive.ArchiveFiles;
import io.rastro.archive.ArchivedShipment;
import java.util.HashSet;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/** Reads archived shipments from the store's files, fetched (and cached) where need be. */
@Component
class StoredArchiveFiles implements ArchiveFiles {

  private final ArchiveStore store;
  private final ParquetFiles parquet;
  private final ArchiveLedger ledger;
  private final Timer reads;

  StoredArchiveFiles(
      ArchiveStore store, ParquetFiles parquet, ArchiveLedger ledger, MeterRegistry meters) {
    this.store = store;
    this.parquet = parquet;
    this.ledger = ledger;
    this.reads =
        Timer.builder("rastro.archive.reads")
            .description("Reads of one archived shipment from its file")
            .publishPercentileHistogram()
            .register(meters);
  }

  @Override
  public Optional<ArchivedShipment> read(String file, String trackingNumber) {
    return reads.record(() -> parquet.read(store.fetch(file), trackingNumber));
  }

  @Override
  public void forEachArchived(Consumer<ArchivedShipment> each) {
    for (var file : ledger.filesInUse()) {
      var held = new HashSet<>(ledger.indexedIn(file));
      parquet.readAll(store.fetch(file)).stream()
          .filter(shipment -> held.contains(shipment.trackingNumber()))
          .forEach(each);
    }
  }
}
