package io.rastro.outbox;

import io.rastro.outbox.bus.CloudEventCodec;
import io.rastro.outbox.bus.Mark;
import io.rastro.platform.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox read as a feed, for integrations: the events after a position, in relay order, as the
 * same CloudEvents the bus carries. Only events that can no longer be preceded by one still being
 * written are read (those of transactions older than every one in flight), so a reader that goes on
 * from the last position it got never misses one, nor sees one twice. The outbox keeps events for
 * {@code rastro.outbox.retention}.
 */
@Component
public class OutboxFeed {

  private final JdbcClient jdbc;
  private final EventCatalog catalog;
  private final CloudEventCodec codec;

  OutboxFeed(
      JdbcClient jdbc, EventCatalog catalog, JsonMapper json, EventBusProperties properties) {
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.codec = new CloudEventCodec(json, catalog, properties.source());
  }

  /**
   * One event of the feed.
   *
   * @param position where it lies in the feed: go on from here
   * @param type its CloudEvents type
   * @param subject what it is about: the shipment's tracking number
   * @param cloudEvent the CloudEvent, JSON
   */
  public record Entry(String position, String type, String subject, String cloudEvent) {}

  /**
   * Which events to read besides the position.
   *
   * @param types CloudEvents types, all when empty
   * @param condition a further SQL condition on the outbox row {@code o} (on its subject, say),
   *     with its parameters, or null
   */
  public record Filter(Collection<String> types, @Nullable String condition, List<?> params) {

    public static Filter all() {
      return new Filter(List.of(), null, List.of());
    }
  }

  /**
   * Reads a position a caller sent back, such as {@code after} or {@code Last-Event-ID}.
   *
   * @throws InvalidRequestException naming {@code field} when it is not one the feed gave
   */
  public static String validPosition(String position, String field) {
    try {
      return Mark.parse(position.strip()).toString();
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          field, "is not a position of the feed, such as 7001-42: pass one the feed answered");
    }
  }

  /** The position after every event written so far: a reader from here sees only new ones. */
  public String end() {
    return jdbc.sql(
            "select coalesce(max(txid)::text, '0') || '-' || coalesce(max(position), 0) from outbox")
        .query(String.class)
        .single();
  }

  /**
   * A page of the feed.
   *
   * @param next where to go on from: after the last event of the page, or after the last event
   *     looked at when none of those passed the filter (so a narrow filter never reads the same
   *     events twice); {@code after} itself when nothing was there
   */
  public record Page(List<Entry> entries, String next) {}

  /**
   * Up to {@code limit} events after {@code after} (from the oldest kept when null) that the filter
   * lets through. It looks at no more than {@link #SCAN_ROWS} times ten events of the outbox per
   * call: a page may come back short, even empty, with {@code next} further on.
   *
   * @throws InvalidRequestException naming {@code types} for a type Rastro does not publish
   */
  public Page after(@Nullable String after, int limit, Filter filter) {
    var wanted = wanted(filter);
    var position = after == null ? Mark.START : Mark.parse(after);
    var previous = position;
    var entries = new ArrayList<Entry>();
    for (int scan = 0; scan < 10; scan++) {
      var rows = scan(position, wanted);
      for (var row : rows) {
        var mark = new Mark(row.row().txid(), row.row().position());
        position = mark;
        // an event a newer Rastro wrote, which this one cannot describe, is passed over, and so
        // is one only Rastro's own roles take (internal)
        if (row.wanted() && catalog.publishes(row.row().type())) {
          var type = catalog.named(row.row().type()).cloudEventType();
          entries.add(
              new Entry(
                  mark.toString(),
                  type,
                  row.row().subject(),
                  new String(codec.write(row.row(), previous), StandardCharsets.UTF_8)));
          previous = mark;
          if (entries.size() == limit) {
            return new Page(entries, mark.toString());
          }
        }
      }
      if (rows.size() < SCAN_ROWS) {
        break;
      }
    }
    return new Page(entries, position.toString());
  }

  /**
   * A typed event, as the feed would give it: for consumers that pass events on, such as webhooks.
   *
   * @param previous the position of the event relayed just before it
   */
  public Entry entry(PublishedEvent published, String previous) {
    var encoded = catalog.encode(published.event());
    var row =
        new OutboxRow(
            published.txid(),
            published.position(),
            encoded.type(),
            encoded.subject(),
            published.writtenAt(),
            encoded.data());
    return new Entry(
        position(published),
        catalog.named(encoded.type()).cloudEventType(),
        encoded.subject(),
        new String(codec.write(row, Mark.parse(previous)), StandardCharsets.UTF_8));
  }

  /** An event's position in the feed, as its {@link Entry} and {@code after} give it. */
  public String position(PublishedEvent published) {
    return new Mark(published.txid(), published.position()).toString();
  }

  /** How many events of the outbox one query looks at. */
  static final int SCAN_ROWS = 1000;

  private record Scanned(OutboxRow row, boolean wanted) {}

  private record Condition(String sql, List<Object> params) {}

  private Condition wanted(Filter filter) {
    var sql = new StringBuilder("true");
    var params = new ArrayList<Object>();
    if (!filter.types().isEmpty()) {
      sql.append(" and o.type = any (?)");
      params.add(names(filter.types()));
    }
    if (filter.condition() != null) {
      sql.append(" and (").append(filter.condition()).append(')');
      params.addAll(filter.params());
    }
    return new Condition(sql.toString(), params);
  }

  private List<Scanned> scan(Mark from, Condition wanted) {
    var params = new ArrayList<Object>(wanted.params());
    params.add(from.txid());
    params.add(from.position());
    params.add(SCAN_ROWS);
    return jdbc.sql(
            """
            select %s, (%s) as wanted
            from outbox o
            where (o.txid, o.position) > (?::text::xid8, ?)
              and o.txid < pg_snapshot_xmin(pg_current_snapshot())
            order by o.txid, o.position
            limit ?
            """
                .formatted(OutboxRow.COLUMNS, wanted.sql()))
        .params(params)
        .query((rs, n) -> new Scanned(OutboxRow.read(rs), rs.getBoolean("wanted")))
        .list();
  }

  private String[] names(Collection<String> cloudEventTypes) {
    var names = new ArrayList<String>();
    for (var type : cloudEventTypes) {
      if (!catalog.publishesCloudEventType(type)) {
        throw new InvalidRequestException(
            "types", "unknown event type '%s'; see the README's list of events".formatted(type));
      }
      names.add(catalog.ofCloudEventType(type).name());
    }
    return names.toArray(String[]::new);
  }
}
