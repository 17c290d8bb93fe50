package io.rastro.search.indexing;

import static io.rastro.platform.SqlArrays.column;

import io.rastro.search.SearchDocument;
import io.rastro.search.SearchDocuments;
import io.rastro.search.Words;
import io.rastro.tracking.TrackingEventRecorded;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Folds tracking events into their shipments' search documents: their words join the document's,
 * and the latest event (and the latest with coordinates) by the status rule, {@code
 * tracking_event_rank}, replaces the document's when it is later.
 */
@Component
class EventFolding {

  private final JdbcClient jdbc;
  private final SearchDocuments documents;

  EventFolding(JdbcClient jdbc, SearchDocuments documents) {
    this.jdbc = jdbc;
    this.documents = documents;
  }

  /** Applies these events; returns the documents they touched as they now are. */
  List<SearchDocument> fold(List<TrackingEventRecorded> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            with incoming as (
                select * from unnest(?::text[], ?::text[], ?::tracking_status[], ?::text[],
                    ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::text[],
                    ?::float8[], ?::float8[], ?::text[], ?::text[])
                    as u(tracking_number, event_id, status, reason, occurred_at, received_at,
                         location_name, city, country, lat, lon, description, words)),
            latest as (
                select distinct on (tracking_number) tracking_number, event_id, status, occurred_at,
                       tracking_event_view(event_id, status, reason, occurred_at, received_at,
                           location_name, city, country, lat, lon, description) as event
                from incoming
                order by tracking_number, tracking_event_rank(occurred_at, status, event_id) desc),
            located as (
                select distinct on (tracking_number) tracking_number, event_id, status, occurred_at,
                       lat, lon
                from incoming where lat is not null and lon is not null
                order by tracking_number, tracking_event_rank(occurred_at, status, event_id) desc),
            said as (
                select tracking_number, array_agg(distinct w order by w) as words
                from incoming, unnest(string_to_array(incoming.words, ' ')) w
                where w <> '' group by tracking_number)
            insert into search_documents as d (tracking_number, status, last_event_id,
                last_occurred_at, last_event, event_words, event_lat, event_lon,
                event_position_id, event_position_at, event_position_status)
            select l.tracking_number, l.status::text, l.event_id, l.occurred_at, l.event,
                   coalesce(s.words, '{}'), p.lat, p.lon, p.event_id, p.occurred_at, p.status
            from latest l left join located p using (tracking_number)
                 left join said s using (tracking_number)
            on conflict (tracking_number) do update set
                -- the later of the two by the status rule: the document's or the batch's
                (status, last_event_id, last_occurred_at, last_event) = (
                    select v.* from (values
                        (excluded.status, excluded.last_event_id, excluded.last_occurred_at,
                         excluded.last_event),
                        (d.status, d.last_event_id, d.last_occurred_at, d.last_event))
                        as v(status, event_id, occurred_at, event)
                    where v.event_id is not null
                    order by tracking_event_rank(v.occurred_at, v.status::tracking_status, v.event_id) desc
                    limit 1),
                (event_lat, event_lon, event_position_id, event_position_at,
                 event_position_status) = (
                    select v.* from (values
                        (excluded.event_lat, excluded.event_lon, excluded.event_position_id,
                         excluded.event_position_at, excluded.event_position_status),
                        (d.event_lat, d.event_lon, d.event_position_id, d.event_position_at,
                         d.event_position_status))
                        as v(lat, lon, event_id, occurred_at, status)
                    where v.event_id is not null
                    order by tracking_event_rank(v.occurred_at, v.status, v.event_id) desc
                    limit 1),
                event_words = array(
                    select distinct w from unnest(d.event_words || excluded.event_words) w order by w),
                version = nextval('search_document_versions')
            returning\s"""
                + SearchDocuments.COLUMNS)
        .params(
            column(events, e -> e.trackingNumber().value()),
            column(events, TrackingEventRecorded::eventId),
            column(events, e -> e.status().name()),
            column(events, TrackingEventRecorded::reason),
            column(events, TrackingEventRecorded::occurredAt),
            column(events, TrackingEventRecorded::receivedAt),
            column(events, TrackingEventRecorded::locationName),
            column(events, TrackingEventRecorded::city),
            column(events, TrackingEventRecorded::country),
            column(events, TrackingEventRecorded::lat),
            column(events, TrackingEventRecorded::lon),
            column(events, TrackingEventRecorded::description),
            column(events, e -> String.join(" ", words(e))))
        .query(documents.rows())
        .list();
  }

  /** The words a caller may remember of where an event happened and what it said. */
  static List<String> words(TrackingEventRecorded event) {
    return Words.of(event.locationName(), event.city(), event.country(), event.description());
  }
}
