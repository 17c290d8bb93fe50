package io.rastro.search;

import io.rastro.shipment.ShipmentAddress;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The search documents in the read database ({@code search_documents}), as the engines read them:
 * the postgres engine searches them, the Elasticsearch engine indexes them.
 */
@Repository
public class SearchDocuments {

  /** The columns {@link #rows()} reads, for a {@code select} or a {@code returning}. */
  public static final String COLUMNS =
      """
      tracking_number, status, reference, customer_name, carrier_code, origin::text as origin,
      destination::text as destination, last_event::text as last_event, customer_id, created_at,
      shipment_words || event_words as words, here_lat, here_lon, destination_lat, destination_lon,
      version""";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  SearchDocuments(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Deletes these shipments' documents, and gives each one that was there a version drawn after
   * every version it had, for the engine's delete.
   */
  public Map<String, Long> delete(Collection<String> trackingNumbers) {
    var versions = new LinkedHashMap<String, Long>();
    jdbc.sql(
            "delete from search_documents where tracking_number = any (?)"
                + " returning tracking_number, nextval('search_document_versions')")
        .param(trackingNumbers.toArray(String[]::new))
        .query(
            rs -> {
              versions.put(rs.getString(1), rs.getLong(2));
            });
    return versions;
  }

  /** Reads a row of {@link #COLUMNS}. */
  public RowMapper<SearchDocument> rows() {
    return (rs, n) ->
        new SearchDocument(
            hit(rs, null, null),
            rs.getObject("customer_id", UUID.class),
            rs.getTimestamp("created_at") == null
                ? null
                : rs.getTimestamp("created_at").toInstant(),
            words(rs.getArray("words")),
            point(rs, "here_lat", "here_lon"),
            point(rs, "destination_lat", "destination_lon"),
            rs.getLong("version"));
  }

  /** The hit a row of {@link #COLUMNS} answers with. */
  public SearchHit hit(ResultSet rs, @Nullable Double distanceKm, @Nullable Double score)
      throws SQLException {
    return new SearchHit(
        rs.getString("tracking_number"),
        rs.getString("status"),
        rs.getString("reference"),
        rs.getString("customer_name"),
        rs.getString("carrier_code"),
        read(rs.getString("origin"), ShipmentAddress.class),
        read(rs.getString("destination"), ShipmentAddress.class),
        read(rs.getString("last_event"), JsonNode.class),
        distanceKm,
        score);
  }

  /** Hands every searchable document to {@code each}, in tracking-number order, one at a time. */
  public void forEachSearchable(Consumer<SearchDocument> each) {
    try (var documents =
        jdbc
            .sql(
                "select "
                    + COLUMNS
                    + " from search_documents where created_at is not null order by tracking_number")
            .withFetchSize(1000)
            .query(rows())
            .stream()) {
      documents.forEach(each);
    }
  }

  private <T> @Nullable T read(@Nullable String text, Class<T> type) {
    return text == null ? null : json.readValue(text, type);
  }

  private static List<String> words(Array array) throws SQLException {
    return List.of((String[]) array.getArray());
  }

  private static SearchDocument.@Nullable Point point(ResultSet rs, String lat, String lon)
      throws SQLException {
    var latitude = rs.getObject(lat, Double.class);
    var longitude = rs.getObject(lon, Double.class);
    return latitude == null || longitude == null
        ? null
        : new SearchDocument.Point(latitude, longitude);
  }
}
