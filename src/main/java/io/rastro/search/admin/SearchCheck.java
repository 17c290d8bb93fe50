package io.rastro.search.admin;

import io.rastro.search.SearchEngine;
import io.rastro.search.SearchHit;
import io.rastro.shipmentview.ReadDataSourceConfiguration;
import io.rastro.shipmentview.ReadModelProperties;
import io.rastro.shipmentview.ShipmentStatusCounts;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Compares what the search engine answers with the read model: the shipments per status, and a
 * sample of shipments field by field (status, latest event, carrier, reference, customer). Both
 * follow the same events through their own cursors, so right after a write they may differ for a
 * moment; at rest they must not.
 */
@Component
class SearchCheck {

  static final int SAMPLE = 200;

  private final SearchEngine engine;
  private final ShipmentStatusCounts readModelCounts;
  private final JdbcClient reads;
  private final String relation;

  SearchCheck(
      SearchEngine engine,
      ShipmentStatusCounts readModelCounts,
      @Qualifier(ReadDataSourceConfiguration.READS) DataSource reads,
      ReadModelProperties readModel) {
    this.engine = engine;
    this.readModelCounts = readModelCounts;
    this.reads = JdbcClient.create(reads);
    this.relation = readModel.detailsRelation();
  }

  /**
   * The check's answer.
   *
   * @param differing how many statuses have other counts, plus how many sampled shipments differ
   * @param statuses per status, the read model's count and the engine's, where they differ
   * @param sampled how many shipments were compared field by field
   * @param shipments the sampled shipments that differ, and how
   */
  @Schema(name = "SearchCheck")
  record Report(
      String engine,
      long differing,
      Map<String, Counts> statuses,
      int sampled,
      List<Difference> shipments) {}

  /** A status's count in each. */
  @Schema(name = "SearchCounts")
  record Counts(long readModel, long engine) {}

  /** A shipment that differs: the field, and its value in each. */
  @Schema(name = "SearchDifference")
  record Difference(
      String trackingNumber, String field, @Nullable String readModel, @Nullable String engine) {}

  Report run() {
    var readModel = readModelCounts.now();
    var indexed = engine.countByStatus();
    var statuses = new TreeMap<String, Counts>();
    for (var status : new TreeSet<>(union(readModel.keySet(), indexed.keySet()))) {
      var counts = new Counts(readModel.getOrDefault(status, 0L), indexed.getOrDefault(status, 0L));
      if (counts.readModel() != counts.engine()) {
        statuses.put(status, counts);
      }
    }
    var sample = sample();
    var found = engine.find(sample.stream().map(Expected::trackingNumber).toList());
    var differences = new ArrayList<Difference>();
    for (var expected : sample) {
      compare(expected, found.get(expected.trackingNumber()), differences);
    }
    var differingShipments =
        differences.stream().map(Difference::trackingNumber).distinct().count();
    return new Report(
        engine.name(), statuses.size() + differingShipments, statuses, sample.size(), differences);
  }

  private static List<String> union(Collection<String> a, Collection<String> b) {
    var all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** A shipment as the read model holds it. */
  private record Expected(
      String trackingNumber,
      String status,
      @Nullable String reference,
      @Nullable String customerName,
      @Nullable String carrierCode,
      @Nullable String lastEventId) {}

  /** Shipments of the read model picked at random. */
  private List<Expected> sample() {
    return reads
        .sql(
            """
            select tracking_number, status, reference, customer_name, carrier_code,
                   last_event ->> 'eventId' as last_event_id
            from %s order by random() limit %d
            """
                .formatted(relation, SAMPLE))
        .query(
            (rs, n) ->
                new Expected(
                    rs.getString("tracking_number"),
                    rs.getString("status"),
                    rs.getString("reference"),
                    rs.getString("customer_name"),
                    rs.getString("carrier_code"),
                    rs.getString("last_event_id")))
        .list();
  }

  private static void compare(
      Expected expected, @Nullable SearchHit actual, List<Difference> differences) {
    var number = expected.trackingNumber();
    if (actual == null) {
      differences.add(new Difference(number, "document", "present", null));
      return;
    }
    field(number, "status", expected.status(), actual.status(), differences);
    field(number, "reference", expected.reference(), actual.reference(), differences);
    field(number, "customerName", expected.customerName(), actual.customerName(), differences);
    field(number, "carrierCode", expected.carrierCode(), actual.carrierCode(), differences);
    var lastEvent = actual.lastEvent();
    field(
        number,
        "lastEvent",
        expected.lastEventId(),
        lastEvent == null ? null : lastEvent.path("eventId").asString(null),
        differences);
  }

  private static void field(
      String number,
      String field,
      @Nullable String expected,
      @Nullable String actual,
      List<Difference> differences) {
    if (!Objects.equals(expected, actual)) {
      differences.add(new Difference(number, field, expected, actual));
    }
  }
}
