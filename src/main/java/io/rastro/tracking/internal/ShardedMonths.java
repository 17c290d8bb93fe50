package io.rastro.tracking.internal;

import io.rastro.platform.ConflictException;
import io.rastro.platform.InvalidRequestException;
import io.rastro.platform.ServiceUnavailableException;
import io.rastro.tracking.TrackingShardsProperties.Shard;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where each month of tracking events lives, and moving one to its shard online: the month's rows
 * are copied to the shard through {@code postgres_fdw}, counted on both sides, and the local
 * partition is swapped for the foreign one and dropped, all in one transaction of Rastro's
 * database. A crash at any point leaves the month whole where it was (a copy left on the shard is
 * not attached, and the next move empties it first). While a month moves, tracking events are still
 * accepted and read; their writing pauses until the swap.
 */
@Component
class ShardedMonths {

  private static final Logger log = LoggerFactory.getLogger(ShardedMonths.class);
  private static final long MOVE_LOCK = 0x7261737472_6d6f76L;

  private final JdbcClient jdbc;
  private final TrackingShards shards;
  private final WaitingEvents waiting;
  private final TransactionTemplate transaction;

  ShardedMonths(
      JdbcClient jdbc,
      TrackingShards shards,
      WaitingEvents waiting,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.shards = shards;
    this.waiting = waiting;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * One month's partition.
   *
   * @param month {@code 2025-07}
   * @param rows its tracking events; {@code null} when its shard does not answer
   * @param belongsTo on this server: the shard whose range holds the month, if any (a move brings
   *     it there)
   */
  @Schema(name = "TrackingMonth")
  record Month(String month, @Nullable Long rows, @Nullable String belongsTo) {}

  /**
   * One shard and the months it holds now.
   *
   * @param available whether it answered its latest check (every two seconds)
   * @param awaiting events of its months waiting for it to answer
   */
  @Schema(name = "TrackingShard")
  record ShardMonths(
      String name,
      String url,
      String from,
      String to,
      boolean available,
      long awaiting,
      List<Month> months) {}

  /**
   * Every month's place.
   *
   * @param local the months on Rastro's own database
   */
  @Schema(name = "TrackingShards")
  record Placement(List<ShardMonths> shards, List<Month> local) {}

  private record Partition(String month, String name, @Nullable String server) {}

  /** Every month's partition, oldest first. */
  private List<Partition> partitions() {
    return jdbc.sql("select month, partition, server from tracking_events_months order by month")
        .query((rs, n) -> new Partition(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  Placement placement() {
    var partitions = partitions();
    var local = new ArrayList<Month>();
    partitions.stream()
        .filter(p -> p.server() == null)
        .forEach(
            p ->
                local.add(
                    new Month(
                        p.month(),
                        count(p.name()),
                        shards
                            .properties()
                            .holding(YearMonth.parse(p.month()))
                            .map(Shard::name)
                            .orElse(null))));
    var listed = new ArrayList<ShardMonths>();
    for (var shard : shards.properties().shards()) {
      var months = new ArrayList<Month>();
      var available = shards.answers(shard);
      for (var p : partitions) {
        if (TrackingShards.server(shard).equals(p.server())) {
          months.add(new Month(p.month(), available ? countRemote(p.name()) : null, null));
        }
      }
      listed.add(
          new ShardMonths(
              shard.name(),
              shard.url(),
              shard.from(),
              shard.to(),
              available,
              waiting.countFor(shard),
              months));
    }
    return new Placement(listed, local);
  }

  private long count(String partition) {
    return jdbc.sql("select count(*) from " + partition).query(Long.class).single();
  }

  private @Nullable Long countRemote(String partition) {
    try {
      return count(partition);
    } catch (DataAccessException e) {
      return null; // it stopped answering since its check
    }
  }

  /**
   * What a move did.
   *
   * @param rows the tracking events moved, counted on both sides
   * @param millis how long it took
   */
  @Schema(name = "TrackingMonthMove")
  record Moved(String month, String shard, long rows, long millis) {}

  Moved move(@Nullable String monthText, @Nullable String shardName) {
    var month = month(monthText);
    var shard =
        shards
            .properties()
            .named(String.valueOf(shardName))
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "shard", "names no shard of rastro.tracking.shards: " + shardName));
    if (!shard.holds(month)) {
      throw new ConflictException(
          "%s is outside the range of shard %s; rastro.tracking.shards sets the ranges"
              .formatted(month, shard));
    }
    if (!shards.answers(shard)) {
      throw new ServiceUnavailableException(
          "Shard %s does not answer; nothing was moved".formatted(shard.name()),
          Duration.ofSeconds(5),
          null);
    }
    var partition = TrackingShards.partition(month);
    var moving = partition + "_moving";
    var started = System.nanoTime();
    var done =
        transaction.execute(
            status -> {
              if (!jdbc.sql("select pg_try_advisory_xact_lock(?)")
                  .param(MOVE_LOCK)
                  .query(Boolean.class)
                  .single()) {
                throw new ConflictException("Another month is moving; try again once it is done");
              }
              var now = where(month);
              if (now.isPresent()
                  && Objects.equals(now.get().server(), TrackingShards.server(shard))) {
                throw new ConflictException(
                    "%s is on shard %s already".formatted(month, shard.name()));
              }
              if (now.isEmpty()) {
                shards.prepare(shard, month); // no events yet: nothing to copy
                return new Copied(0, null);
              }
              // Not attached here, the shard's table holds at most what a stopped move left.
              shards.createTable(shard, month);
              shards.on(shard).sql("truncate " + partition).update();
              jdbc.sql("lock table tracking_events in share row exclusive mode").update();
              shards.execute(
                  "create foreign table %I (%s) server %I options (schema_name 'public',"
                      + " table_name %L)",
                  moving,
                  jdbc.sql("select tracking_events_columns(false)").query(String.class).single(),
                  TrackingShards.server(shard),
                  partition);
              long copied =
                  jdbc.sql("insert into %s select * from %s".formatted(moving, partition)).update();
              long there = count(moving);
              long here = count(partition);
              if (copied != here || there != here) {
                throw new IllegalStateException(
                    "Moving %s to shard %s: %d rows here, %d copied, %d there; nothing was moved"
                        .formatted(month, shard.name(), here, copied, there));
              }
              jdbc.sql("alter table tracking_events detach partition " + partition).update();
              jdbc.sql(
                      (now.get().server() == null ? "drop table " : "drop foreign table ")
                          + partition)
                  .update();
              jdbc.sql("alter foreign table %s rename to %s".formatted(moving, partition)).update();
              shards.execute(
                  "alter table tracking_events attach partition %I for values from (%L) to (%L)",
                  partition,
                  TrackingShards.start(month).toInstant().toString(),
                  TrackingShards.start(month.plusMonths(1)).toInstant().toString());
              return new Copied(here, now.get().server());
            });
    var millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    var rows = Objects.requireNonNull(done).rows();
    log.info(
        "Moved {} ({} tracking events) to shard {} in {} ms", month, rows, shard.name(), millis);
    dropLeftBehind(done.server(), partition);
    return new Moved(month.toString(), shard.name(), rows, millis);
  }

  /** The rows a move copied, and the shard's server they came from ({@code null}: here). */
  private record Copied(long rows, @Nullable String server) {}

  /**
   * Drops the table a month left on the shard it came from (when a change of ranges moves it from
   * one shard to another), once the move has committed. Should that fail, the table is only
   * unattached there, and a move back empties it first.
   */
  private void dropLeftBehind(@Nullable String server, String partition) {
    if (server == null) {
      return;
    }
    shards.properties().shards().stream()
        .filter(s -> TrackingShards.server(s).equals(server))
        .findFirst()
        .ifPresentOrElse(
            s -> {
              try {
                shards.on(s).sql("drop table if exists " + partition).update();
              } catch (DataAccessException e) {
                log.warn("{} stays, unattached, on shard {}: {}", partition, s, e.getMessage());
              }
            },
            () ->
                log.warn(
                    "{} stays, unattached, on {}, a server no longer in rastro.tracking.shards",
                    partition,
                    server));
  }

  private static YearMonth month(@Nullable String text) {
    try {
      return YearMonth.parse(String.valueOf(text));
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException("month", "must be a month such as 2025-07: " + text);
    }
  }

  private Optional<Partition> where(YearMonth month) {
    return partitions().stream().filter(p -> p.month().equals(month.toString())).findFirst();
  }
}
