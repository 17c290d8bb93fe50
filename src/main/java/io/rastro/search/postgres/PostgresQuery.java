package io.rastro.search.postgres;

import io.rastro.search.SearchDocuments;
import io.rastro.search.SearchQuery;
import io.rastro.search.SearchQuery.Circle;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A search as SQL over {@code search_documents}: the matching documents with their score, distance
 * and sort key, then a page of them after the cursor, or their facets. Every value is a named
 * parameter; the text query is built only of folded words, each quoted.
 *
 * @param found the matching documents, unordered
 */
record PostgresQuery(String found, SearchQuery.Sort sort, int limit, Map<String, Object> params) {

  /** earthdistance's sphere is 0.11 % larger than the mean radius: its box must enclose ours. */
  private static final double BOX_MARGIN = 1.002;

  static PostgresQuery of(SearchQuery query, Vocabulary vocabulary) {
    var params = new LinkedHashMap<String, Object>();
    var where = new ArrayList<String>();
    where.add("created_at is not null");
    var score = "null::float8";
    if (!query.words().isEmpty()) {
      params.put("text", textQuery(query.words(), vocabulary));
      where.add("words @@ :text::tsquery");
      score = "ts_rank(words, :text::tsquery)::float8";
    }
    within(query.near(), "near", "here_lat", "here_lon", where, params);
    within(
        query.destinationNear(),
        "destination",
        "destination_lat",
        "destination_lon",
        where,
        params);
    equal("customer_id", query.customerId(), where, params);
    equal("status", query.status(), where, params);
    equal("carrier_code", query.carrierCode(), where, params);
    if (query.createdFrom() != null) {
      params.put("createdFrom", Timestamp.from(query.createdFrom()));
      where.add("created_at >= :createdFrom");
    }
    if (query.createdTo() != null) {
      params.put("createdTo", Timestamp.from(query.createdTo()));
      where.add("created_at < :createdTo");
    }
    var distance = "null::float8";
    var from = query.distanceFrom();
    if (from != null) {
      var column = query.near() != null ? "here" : "destination";
      params.put("fromLat", from.lat());
      params.put("fromLon", from.lon());
      distance = "search_distance_km(:fromLat, :fromLon, %1$s_lat, %1$s_lon)".formatted(column);
    }
    var sortKey =
        switch (query.sort()) {
          case RELEVANCE -> score;
          case DISTANCE -> distance;
          case NEWEST -> "(extract(epoch from created_at) * 1000000)::float8";
        };
    var found =
        "select %s, %s as score, %s as distance_km, %s as sort_key from search_documents where %s"
            .formatted(
                SearchDocuments.COLUMNS, score, distance, sortKey, String.join(" and ", where));
    if (query.after() != null) {
      params.put("afterKey", query.after().key());
      params.put("afterNumber", query.after().trackingNumber());
      if (query.sort() == SearchQuery.Sort.NEWEST) {
        params.put(
            "afterTime",
            Timestamp.from(Instant.EPOCH.plus((long) query.after().key(), ChronoUnit.MICROS)));
      }
    }
    return new PostgresQuery(found, query.sort(), query.limit(), params);
  }

  /** One more than a page of the matching documents, after the cursor, in the query's order. */
  String page() {
    var after =
        !params.containsKey("afterNumber")
            ? ""
            : switch (sort) {
              case RELEVANCE ->
                  " where (sort_key < :afterKey or (sort_key = :afterKey and tracking_number > :afterNumber))";
              case DISTANCE ->
                  " where (sort_key > :afterKey or (sort_key = :afterKey and tracking_number > :afterNumber))";
              case NEWEST ->
                  " where (created_at < :afterTime or (created_at = :afterTime and tracking_number > :afterNumber))";
            };
    var order =
        switch (sort) {
          case RELEVANCE -> "sort_key desc, tracking_number";
          case DISTANCE -> "sort_key, tracking_number";
          case NEWEST -> "created_at desc, tracking_number";
        };
    return "select * from (%s) found%s order by %s limit %d"
        .formatted(this.found, after, order, limit + 1);
  }

  /** How many match in all, by status and by carrier. */
  String facets() {
    return """
        select status, carrier_code, grouping(status) as by_status,
               grouping(carrier_code) as by_carrier, count(*) as n
        from (%s) found
        group by grouping sets ((status), (carrier_code), ())
        """
        .formatted(found);
  }

  /**
   * Every word must match: as a prefix of a document's word, or, from {@link
   * SearchQuery#FUZZY_LENGTH} letters, as a word of the vocabulary one edit away.
   */
  private static String textQuery(List<String> words, Vocabulary vocabulary) {
    return words.stream()
        .map(
            word ->
                Stream.concat(
                        Stream.of(quote(word) + ":*"),
                        SearchQuery.toleratesTypo(word)
                            ? vocabulary.oneEditFrom(word).stream().map(PostgresQuery::quote)
                            : Stream.empty())
                    .collect(Collectors.joining(" | ", "(", ")")))
        .collect(Collectors.joining(" & "));
  }

  /** A folded word (letters and digits only) as a tsquery lexeme. */
  private static String quote(String word) {
    return "'" + word + "'";
  }

  private static void within(
      @Nullable Circle circle,
      String name,
      String lat,
      String lon,
      List<String> where,
      Map<String, Object> params) {
    if (circle == null) {
      return;
    }
    params.put(name + "Lat", circle.lat());
    params.put(name + "Lon", circle.lon());
    params.put(name + "Km", circle.radiusKm());
    params.put(name + "BoxM", circle.radiusKm() * 1000 * BOX_MARGIN);
    where.add(
        """
        earth_box(ll_to_earth(:%1$sLat, :%1$sLon), :%1$sBoxM) @> ll_to_earth(%2$s, %3$s)
        and search_distance_km(:%1$sLat, :%1$sLon, %2$s, %3$s) <= :%1$sKm"""
            .formatted(name, lat, lon));
  }

  private static void equal(
      String column, @Nullable Object value, List<String> where, Map<String, Object> params) {
    if (value != null) {
      var name = column.replace("_", "");
      params.put(name, value);
      where.add(column + " = :" + name);
    }
  }
}
