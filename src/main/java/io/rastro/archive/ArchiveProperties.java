package io.rastro.archive;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.unit.DataSize;

/**
 * What the archive moves, when, and where to.
 *
 * @param schedule when the scheduled run starts: a cron expression of six fields (second first), in
 *     UTC, nightly at 02:30 by default; {@code -} turns scheduled runs off (the admin API still
 *     starts one)
 * @param after how old a shipment's last activity (its creation and its latest event, by {@code
 *     receivedAt}) must be for it to leave PostgreSQL: an ISO-8601 period ({@code P3Y}, the
 *     default) or duration ({@code PT1S})
 * @param store {@code local} (the default: a directory) or {@code s3} (any S3-compatible store)
 * @param directory the local store's directory; by default {@code archive} in the data directory
 * @param shipmentsPerFile the most shipments one Parquet file holds; a run writes as many files per
 *     creation month as that takes, and each file's rows leave PostgreSQL in one transaction
 * @param s3 the S3 store's settings
 */
@ConfigurationProperties("rastro.archive")
public record ArchiveProperties(
    @DefaultValue("0 30 2 * * *") String schedule,
    @DefaultValue("P3Y") String after,
    @DefaultValue("local") Store store,
    @Nullable Path directory,
    @DefaultValue("5000") int shipmentsPerFile,
    @DefaultValue S3 s3) {

  /** The stores. */
  public enum Store {
    LOCAL,
    S3
  }

  public ArchiveProperties {
    if (!schedule.equals("-") && !CronExpression.isValidExpression(schedule)) {
      throw new IllegalArgumentException(
          "rastro.archive.schedule is not a cron expression of six fields, nor '-': " + schedule);
    }
    age(after); // refuses a bad one at start-up
    if (shipmentsPerFile < 1) {
      throw new IllegalArgumentException(
          "rastro.archive.shipments-per-file must be at least 1: " + shipmentsPerFile);
    }
    if (store == Store.S3 && (s3.bucket() == null || s3.bucket().isBlank())) {
      throw new IllegalArgumentException(
          "rastro.archive.s3.bucket must be set when rastro.archive.store=s3");
    }
  }

  /**
   * The instant before which a shipment's last activity must lie, seen from {@code now}.
   *
   * @throws IllegalArgumentException naming {@code rastro.archive.after} when it is not a positive
   *     ISO-8601 period or duration
   */
  public Instant cutoff(Instant now) {
    return age(after).subtractFrom(now.atOffset(ZoneOffset.UTC)).toInstant();
  }

  private static Age age(String after) {
    var text = after.strip().toUpperCase(Locale.ROOT);
    try {
      if (text.contains("T")) {
        var duration = Duration.parse(text);
        if (duration.isNegative() || duration.isZero()) {
          throw new IllegalArgumentException(
              "rastro.archive.after must be longer than zero: " + after);
        }
        return now -> now.minus(duration);
      }
      var period = Period.parse(text);
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException(
            "rastro.archive.after must be longer than zero: " + after);
      }
      return now -> now.minus(period);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "rastro.archive.after is not an ISO-8601 period (P3Y) or duration (PT1H): " + after, e);
    }
  }

  private interface Age {
    OffsetDateTime subtractFrom(OffsetDateTime now);
  }

  /**
   * The S3-compatible store: credentials come from the AWS SDK's usual chain (environment, system
   * properties, profile files, instance roles).
   *
   * @param endpoint the store's URL, for a store other than AWS S3 (then addressed path-style);
   *     none for AWS S3 itself
   * @param bucket the bucket, which must exist
   * @param prefix what every key begins with, such as {@code rastro/archive/}
   * @param region the region to sign for
   * @param storageClass the storage class of the files, such as {@code STANDARD}, {@code
   *     GLACIER_IR} or {@code DEEP_ARCHIVE}; a class that needs a restore before a read makes reads
   *     of its shipments answer {@code 409} until one is done
   * @param cache where files read from the store are kept; by default {@code archive-cache} in the
   *     data directory
   * @param partSize a file larger than this goes up in parts of this size (a multipart upload, each
   *     part with its own SHA-256, held in memory while it goes): from 5MB, the least S3 takes, to
   *     512MB; 16MB by default
   */
  public record S3(
      @Nullable URI endpoint,
      @Nullable String bucket,
      @DefaultValue("") String prefix,
      @DefaultValue("us-east-1") String region,
      @DefaultValue("STANDARD") String storageClass,
      @Nullable Path cache,
      @DefaultValue("16MB") DataSize partSize) {

    /** The least part size S3 takes (every part but the last). */
    public static final DataSize LEAST_PART = DataSize.ofMegabytes(5);

    /** The most part size Rastro takes (S3 takes up to 5GB): a part is held in memory. */
    public static final DataSize MOST_PART = DataSize.ofMegabytes(512);

    public S3 {
      if (partSize.compareTo(LEAST_PART) < 0 || partSize.compareTo(MOST_PART) > 0) {
        throw new IllegalArgumentException(
            "rastro.archive.s3.part-size must be from 5MB to 512MB: " + partSize);
      }
    }
  }
}
