package io.rastro.tracking;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The PostgreSQL servers that hold tracking events by time ({@code rastro.tracking.shards}): each
 * month in a shard's range is a partition of {@code tracking_events} that lives on that server. No
 * shards (the default): every month lives on Rastro's own database.
 *
 * @param shards the shards, whose ranges must not overlap
 */
@ConfigurationProperties("rastro.tracking")
public record TrackingShardsProperties(@DefaultValue List<Shard> shards) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  /**
   * One shard.
   *
   * @param name how the API and the logs call it: lower-case letters, digits and {@code _}
   * @param url its database, as a JDBC URL ({@code jdbc:postgresql://host:port/database})
   * @param username the role Rastro connects as, there and through {@code postgres_fdw}
   * @param password that role's password, if the server asks for one
   * @param from the first month it holds, {@code 2025-01}
   * @param to the last month it holds, {@code 2025-06}, included
   */
  public record Shard(
      String name,
      String url,
      @DefaultValue("postgres") String username,
      @Nullable String password,
      String from,
      String to) {

    public YearMonth first() {
      return YearMonth.parse(from);
    }

    public YearMonth last() {
      return YearMonth.parse(to);
    }

    public boolean holds(YearMonth month) {
      return !month.isBefore(first()) && !month.isAfter(last());
    }

    /** The months of its range, first to last. */
    public Stream<YearMonth> months() {
      return Stream.iterate(first(), month -> !month.isAfter(last()), month -> month.plusMonths(1));
    }

    @Override
    public String toString() {
      return "%s (%s to %s)".formatted(name, from, to);
    }
  }

  public TrackingShardsProperties {
    var names = new HashSet<String>();
    for (int i = 0; i < shards.size(); i++) {
      var shard = shards.get(i);
      var setting = "rastro.tracking.shards[" + i + "]";
      if (shard.name() == null || !NAME.matcher(shard.name()).matches()) {
        throw new IllegalArgumentException(
            setting
                + ".name must be lower-case letters, digits and '_', starting with a letter: "
                + shard.name());
      }
      if (!names.add(shard.name())) {
        throw new IllegalArgumentException(setting + ".name repeats " + shard.name());
      }
      if (shard.url() == null || !shard.url().startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(
            setting + ".url must be a jdbc:postgresql: URL: " + shard.url());
      }
      month(setting + ".from", shard.from());
      month(setting + ".to", shard.to());
      if (shard.first().isAfter(shard.last())) {
        throw new IllegalArgumentException(
            "%s.from (%s) is after its .to (%s)".formatted(setting, shard.from(), shard.to()));
      }
      for (int j = 0; j < i; j++) {
        var other = shards.get(j);
        if (!shard.first().isAfter(other.last()) && !other.first().isAfter(shard.last())) {
          throw new IllegalArgumentException(
              "%s, %s, overlaps rastro.tracking.shards[%d], %s"
                  .formatted(setting, shard, j, other));
        }
      }
    }
  }

  private static void month(String setting, @Nullable String value) {
    try {
      YearMonth.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          setting + " must be a month, such as 2025-01: " + value, e);
    }
  }

  /** The shard whose range holds this month, if any. */
  public Optional<Shard> holding(YearMonth month) {
    return shards.stream().filter(shard -> shard.holds(month)).findFirst();
  }

  /** The shard of this name, if any. */
  public Optional<Shard> named(String name) {
    return shards.stream().filter(shard -> shard.name().equals(name)).findFirst();
  }
}
