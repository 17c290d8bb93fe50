package io.rastro.search.indexing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rastro.archive.ShipmentArchived;
import io.rastro.archive.ShipmentRestored;
import io.rastro.outbox.OutboxConsumer;
import io.rastro.outbox.PublishedEvent;
import io.rastro.platform.PipelineStep;
import io.rastro.search.SearchDocument;
import io.rastro.search.SearchDocuments;
import io.rastro.search.SearchEngine;
import io.rastro.search.SearchProperties;
import io.rastro.shipment.ShipmentCreated;
import io.rastro.tracking.TrackingEventRecorded;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The search consumer: folds each batch of domain events into the search documents ({@code
 * search_documents}, one per shipment, in the read database), then hands the documents that changed
 * to the engine, all before its cursor moves. Applying an event twice, or events in any order,
 * leaves the same document: the shipment's fields are set, the event words are a set, and the
 * latest event (and the latest with a position) is the greatest by the status rule.
 */
@Component
class SearchIndexer implements OutboxConsumer {

  private final SearchEngine engine;
  private final ShipmentFolding shipments;
  private final EventFolding events;
  private final SearchDocuments documents;
  private final Timer indexing;

  SearchIndexer(
      SearchEngine engine,
      ShipmentFolding shipments,
      EventFolding events,
      SearchDocuments documents,
      MeterRegistry meters) {
    this.engine = engine;
    this.documents = documents;
    this.shipments = shipments;
    this.events = events;
    this.indexing = PipelineStep.timer(meters, "search.index");
  }

  @Override
  public String name() {
    return SearchProperties.CURSOR;
  }

  /**
   * Folds a batch in order where order matters: the events before a shipment's archiving, then the
   * archiving (its document goes), then the events after it.
   */
  @Override
  public void apply(List<PublishedEvent> batch) {
    var created = new LinkedHashMap<String, ShipmentCreated>();
    var recorded = new ArrayList<TrackingEventRecorded>();
    var archived = new ArrayList<String>();
    for (var published : batch) {
      if (published.event() instanceof ShipmentArchived archiving) {
        fold(created, recorded);
        archived.add(archiving.trackingNumber());
        continue;
      }
      switch (published.event()) {
        case ShipmentCreated shipment -> {
          remove(archived);
          created.put(shipment.subject(), shipment);
        }
        case TrackingEventRecorded event -> {
          remove(archived);
          recorded.add(event);
        }
        case ShipmentRestored restored -> {
          remove(archived);
          created.put(restored.subject(), restored.shipment());
          recorded.addAll(restored.events());
        }
        default -> {} // the status follows from the events themselves
      }
    }
    remove(archived);
    fold(created, recorded);
  }

  /** Archived shipments leave the documents and the engine. */
  private void remove(List<String> archived) {
    if (archived.isEmpty()) {
      return;
    }
    var versions = documents.delete(archived);
    indexing.record(() -> engine.remove(versions));
    archived.clear();
  }

  private void fold(Map<String, ShipmentCreated> created, List<TrackingEventRecorded> recorded) {
    var changed = new LinkedHashMap<String, SearchDocument>();
    for (var document : shipments.fold(List.copyOf(created.values()))) {
      changed.put(document.hit().trackingNumber(), document);
    }
    for (var document : events.fold(recorded)) {
      changed.put(document.hit().trackingNumber(), document);
    }
    created.clear();
    recorded.clear();
    var searchable =
        changed.values().stream().filter(document -> document.createdAt() != null).toList();
    if (!searchable.isEmpty()) {
      indexing.record(() -> engine.index(searchable));
    }
  }
}
