package io.rastro.tracking.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rastro.tracking.TrackingShardsProperties;
import io.rastro.tracking.TrackingShardsProperties.Shard;
import jakarta.annotation.PostConstruct;
import java.net.URI;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The servers of {@code rastro.tracking.shards}, seen from Rastro's own database: each is a {@code
 * postgres_fdw} server there, and each month of its range a foreign partition of {@code
 * tracking_events} backed by a table of the same name on the shard (made here; its primary key
 * makes a retried insert a no-op). Whether each shard answers is checked every two seconds; events
 * of a month whose shard does not answer wait (see {@link TrackingEventWriter}).
 */
@Component
class TrackingShards {

  private static final Logger log = LoggerFactory.getLogger(TrackingShards.class);

  private final TrackingShardsProperties properties;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Map<String, JdbcClient> servers;
  private final Map<String, Boolean> answering = new ConcurrentHashMap<>();
  private volatile @Nullable String columns;

  TrackingShards(
      TrackingShardsProperties properties,
      JdbcClient jdbc,
      PlatformTransactionManager transactions,
      MeterRegistry meters) {
    this.properties = properties;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.servers =
        properties.shards().stream()
            .collect(Collectors.toMap(Shard::name, TrackingShards::connect));
    for (var shard : properties.shards()) {
      Gauge.builder("rastro.tracking.shard.up", () -> answers(shard) ? 1 : 0)
          .description("Whether a shard of tracking events answers (1) or not (0)")
          .tag("shard", shard.name())
          .register(meters);
    }
  }

  private static JdbcClient connect(Shard shard) {
    var source = new DriverManagerDataSource(shard.url());
    var settings = new Properties();
    settings.setProperty("user", shard.username());
    if (shard.password() != null) {
      settings.setProperty("password", shard.password());
    }
    settings.setProperty("connectTimeout", "2");
    settings.setProperty("socketTimeout", "60");
    source.setConnectionProperties(settings);
    return JdbcClient.create(source);
  }

  /** The {@code postgres_fdw} server that stands for a shard in Rastro's database. */
  static String server(Shard shard) {
    return "rastro_shard_" + shard.name();
  }

  TrackingShardsProperties properties() {
    return properties;
  }

  /**
   * Makes each shard a foreign server and each month of its range a partition there, before any
   * event is written: a month whose events were written here before the shard was configured keeps
   * its partition until it is moved (an empty one goes to the shard). A shard that does not answer
   * now gets its tables when it does.
   */
  @PostConstruct
  void setUp() {
    if (properties.shards().isEmpty()) {
      return;
    }
    transaction.executeWithoutResult(
        status -> {
          // one Rastro at a time, and not while another makes a partition
          jdbc.sql(
                  "select count(*) from pg_advisory_xact_lock(hashtext('tracking_events partitions'))")
              .query(Long.class)
              .single();
          jdbc.sql("create extension if not exists postgres_fdw").update();
          properties.shards().forEach(this::declare);
          properties.shards().forEach(shard -> shard.months().forEach(m -> attach(shard, m)));
        });
    for (var shard : properties.shards()) {
      try {
        createTables(shard);
        answering.put(shard.name(), true);
        log.info("Tracking events of {} live on shard {}", shard, shard.url());
      } catch (DataAccessException e) {
        answering.put(shard.name(), false);
        log.warn(
            "Shard {} does not answer yet; its months' events wait for it: {}",
            shard,
            e.getMessage());
      }
    }
  }

  private void declare(Shard shard) {
    // jdbc:postgresql://host:port/database?options, one host: what postgres_fdw needs of it
    var url = URI.create(shard.url().substring("jdbc:".length()));
    if (url.getHost() == null || url.getPath() == null || url.getPath().length() < 2) {
      throw new IllegalArgumentException(
          "The url of shard %s names no host and database: %s".formatted(shard, shard.url()));
    }
    var host = url.getHost();
    var port = String.valueOf(url.getPort() == -1 ? 5432 : url.getPort());
    var database = url.getPath().substring(1);
    var server = server(shard);
    execute(
        "create server if not exists %I foreign data wrapper postgres_fdw options (host %L, port %L,"
            + " dbname %L, batch_size '1000', fetch_size '10000', async_capable 'true')",
        server, host, port, database);
    execute(
        "alter server %I options (set host %L, set port %L, set dbname %L)",
        server, host, port, database);
    execute("drop user mapping if exists for current_user server %I", server);
    if (shard.password() == null) {
      execute(
          "create user mapping for current_user server %I options (user %L)",
          server, shard.username());
    } else {
      execute(
          "create user mapping for current_user server %I options (user %L, password %L)",
          server, shard.username(), shard.password());
    }
  }

  /** Runs a statement made by PostgreSQL's {@code format}, which quotes names and literals. */
  void execute(String template, Object... arguments) {
    var placeholders = "?, ".repeat(arguments.length);
    var statement =
        jdbc.sql("select format(?, " + placeholders.substring(0, placeholders.length() - 2) + ")")
            .param(template);
    for (var argument : arguments) {
      statement = statement.param(argument);
    }
    jdbc.sql(statement.query(String.class).single()).update();
  }

  private void attach(Shard shard, YearMonth month) {
    jdbc.sql("select attach_tracking_events_shard_partition(?, ?)")
        .params(start(month), server(shard))
        .query(String.class)
        .single();
  }

  /** Makes the shard's table for a month, if it has none; idempotent. */
  void createTable(Shard shard, YearMonth month) {
    on(shard)
        .sql(
            "create table if not exists %s (%s, primary key (shipment_id, occurred_at, event_id))"
                .formatted(partition(month), columns()))
        .update();
  }

  /** Makes the shard's table for each month of its range that has none. */
  private void createTables(Shard shard) {
    shard.months().forEach(month -> createTable(shard, month));
  }

  /** The columns of {@code tracking_events}, as a shard's table declares them. */
  private String columns() {
    var known = columns;
    if (known == null) {
      known = jdbc.sql("select tracking_events_columns(true)").query(String.class).single();
      columns = known;
    }
    return known;
  }

  /**
   * Gives a month of a shard's range its partition there: the table, then the foreign partition.
   */
  void prepare(Shard shard, YearMonth month) {
    createTable(shard, month);
    transaction.executeWithoutResult(status -> attach(shard, month));
  }

  static String partition(YearMonth month) {
    return "tracking_events_%d_%02d".formatted(month.getYear(), month.getMonthValue());
  }

  static Timestamp start(YearMonth month) {
    return Timestamp.from(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** A direct connection to a shard, for its own tables. */
  JdbcClient on(Shard shard) {
    return Objects.requireNonNull(servers.get(shard.name()), shard.name());
  }

  /** Whether the shard answered its latest check. */
  boolean answers(Shard shard) {
    return answering.getOrDefault(shard.name(), false);
  }

  /**
   * Whether the events of this month can be written now: it is on no shard, or on one that answers.
   */
  boolean writable(YearMonth month) {
    return properties.holding(month).map(this::answers).orElse(true);
  }

  @Scheduled(fixedDelayString = "PT2S", initialDelayString = "PT2S")
  void check() {
    for (var shard : properties.shards()) {
      var before = answering.get(shard.name());
      boolean up;
      try {
        up = on(shard).sql("select 1").query(Integer.class).single() == 1;
        if (!Boolean.TRUE.equals(before)) {
          createTables(shard);
        }
      } catch (DataAccessException e) {
        up = false;
      }
      answering.put(shard.name(), up);
      if (before == null || before != up) {
        if (up) {
          log.info("Shard {} answers", shard);
        } else {
          log.warn("Shard {} does not answer; events of its months wait for it", shard);
        }
      }
    }
  }
}
