package io.rastro.search.indexing;

import static io.rastro.platform.SqlArrays.column;

import io.rastro.search.SearchDocument;
import io.rastro.search.SearchDocuments;
import io.rastro.search.Words;
import io.rastro.shipment.ShipmentAddress;
import io.rastro.shipment.ShipmentCreated;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Sets the shipment's own fields and words in its search document. */
@Component
class ShipmentFolding {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final SearchDocuments documents;

  ShipmentFolding(JdbcClient jdbc, JsonMapper json, SearchDocuments documents) {
    this.jdbc = jdbc;
    this.json = json;
    this.documents = documents;
  }

  /** Applies these creations, one per shipment; returns the documents as they now are. */
  List<SearchDocument> fold(List<ShipmentCreated> created) {
    if (created.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            insert into search_documents as d (tracking_number, customer_id, customer_name,
                reference, carrier_code, created_at, origin, destination, origin_lat, origin_lon,
                destination_lat, destination_lon, shipment_words)
            select tracking_number, customer_id, customer_name, reference, carrier_code, created_at,
                   origin::jsonb, destination::jsonb, origin_lat, origin_lon, destination_lat,
                   destination_lon, string_to_array(words, ' ')
            from unnest(?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                        ?::text[], ?::text[], ?::float8[], ?::float8[], ?::float8[], ?::float8[],
                        ?::text[])
                as u(tracking_number, customer_id, customer_name, reference, carrier_code,
                     created_at, origin, destination, origin_lat, origin_lon, destination_lat,
                     destination_lon, words)
            on conflict (tracking_number) do update set
                customer_id = excluded.customer_id, customer_name = excluded.customer_name,
                reference = excluded.reference, carrier_code = excluded.carrier_code,
                created_at = excluded.created_at, origin = excluded.origin,
                destination = excluded.destination, origin_lat = excluded.origin_lat,
                origin_lon = excluded.origin_lon, destination_lat = excluded.destination_lat,
                destination_lon = excluded.destination_lon,
                shipment_words = excluded.shipment_words, version = nextval('search_document_versions')
            returning\s"""
                + SearchDocuments.COLUMNS)
        .params(
            column(created, ShipmentCreated::subject),
            column(created, c -> c.shipment().customerId()),
            column(created, ShipmentCreated::customerName),
            column(created, c -> c.shipment().reference()),
            column(created, c -> c.shipment().carrierCode()),
            column(created, c -> c.shipment().createdAt()),
            column(created, c -> json.writeValueAsString(c.shipment().origin())),
            column(created, c -> json.writeValueAsString(c.shipment().destination())),
            column(created, c -> c.shipment().origin().lat()),
            column(created, c -> c.shipment().origin().lon()),
            column(created, c -> c.shipment().destination().lat()),
            column(created, c -> c.shipment().destination().lon()),
            column(created, c -> String.join(" ", words(c))))
        .query(documents.rows())
        .list();
  }

  /** Every word a caller may remember of the shipment itself. */
  static List<String> words(ShipmentCreated created) {
    var shipment = created.shipment();
    return Stream.of(
            Words.ofCode(shipment.trackingNumber().value()),
            Words.ofCode(shipment.reference()),
            Words.of(created.customerName(), created.customerEmail()),
            address(shipment.origin()),
            address(shipment.destination()),
            Words.of(shipment.carrierCode(), created.carrierName()))
        .flatMap(List::stream)
        .distinct()
        .toList();
  }

  private static List<String> address(@Nullable ShipmentAddress address) {
    return address == null
        ? List.of()
        : Words.of(address.line1(), address.city(), address.postalCode(), address.country());
  }
}
