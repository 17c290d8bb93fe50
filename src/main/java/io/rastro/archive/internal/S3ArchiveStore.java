package io.rastro.archive.internal;

import io.rastro.archive.ArchiveProperties;
import io.rastro.platform.ConflictException;
import io.rastro.platform.ServiceUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GlacierJobParameters;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tier;

/**
 * The archive on any S3-compatible store, through the AWS SDK for Java 2: {@code
 * rastro.archive.store=s3}. Files read for queries are kept in a local cache, since a key's file
 * never changes.
 */
final class S3ArchiveStore implements ArchiveStore, AutoCloseable {

  /** How long a query waits before asking again for a file that a restore must bring back. */
  static final Duration RESTORE_WAIT = Duration.ofHours(1);

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final StorageClass storageClass;
  private final Path cache;

  S3ArchiveStore(ArchiveProperties.S3 settings, Path cache) {
    var builder = S3Client.builder().region(Region.of(settings.region()));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint()).forcePathStyle(true);
    }
    this.s3 = builder.build();
    this.bucket = Objects.requireNonNull(settings.bucket(), "rastro.archive.s3.bucket");
    this.prefix = settings.prefix();
    this.storageClass = StorageClass.fromValue(settings.storageClass());
    if (storageClass == StorageClass.UNKNOWN_TO_SDK_VERSION) {
      throw new IllegalArgumentException(
          "rastro.archive.s3.storage-class is not an S3 storage class: " + settings.storageClass());
    }
    this.cache = cache.toAbsolutePath().normalize();
    try {
      s3.headBucket(request -> request.bucket(bucket));
      Files.createDirectories(this.cache);
    } catch (SdkException e) {
      s3.close();
      throw new IllegalStateException(
          "rastro.archive.s3: cannot reach the bucket %s at %s: %s"
              .formatted(bucket, settings.endpoint(), e.getMessage()),
          e);
    } catch (IOException e) {
      s3.close();
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String location() {
    return "s3://" + bucket + "/" + prefix;
  }

  /**
   * Uploads the file with its SHA-256, which the store checks on receipt (it refuses a body that
   * does not match), then reads it back and checks it again; in a storage class that cannot be read
   * without a restore, asks the store for the SHA-256 it holds instead.
   */
  @Override
  public void put(String key, Path file, String sha256) {
    var checksum = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256));
    s3.putObject(
        request ->
            request
                .bucket(bucket)
                .key(prefix + key)
                .storageClass(storageClass)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                .checksumSHA256(checksum),
        RequestBody.fromFile(file));
    String stored;
    if (COLD.contains(storageClass)) {
      var head =
          s3.headObject(
              request ->
                  request.bucket(bucket).key(prefix + key).checksumMode(ChecksumMode.ENABLED));
      stored =
          head.checksumSHA256() == null
              ? "none"
              : HexFormat.of().formatHex(Base64.getDecoder().decode(head.checksumSHA256()));
    } else {
      try (var in = s3.getObject(request -> request.bucket(bucket).key(prefix + key))) {
        stored = Checksums.sha256(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read back the archive file " + key, e);
      }
    }
    if (!stored.equals(sha256)) {
      throw new IllegalStateException(
          "The archive file %s reads back from %s with SHA-256 %s, not %s"
              .formatted(key, location(), stored, sha256));
    }
  }

  /** The storage classes whose objects cannot be read until a restore brings them back. */
  private static final Set<StorageClass> COLD =
      Set.of(StorageClass.GLACIER, StorageClass.DEEP_ARCHIVE);

  @Override
  public Path fetch(String key) {
    var copy = cache.resolve(key).normalize();
    if (!copy.startsWith(cache)) {
      throw new IllegalArgumentException("Not an archive key: " + key);
    }
    if (Files.isRegularFile(copy)) {
      return copy;
    }
    try {
      Files.createDirectories(copy.getParent());
      var partial = Files.createTempFile(copy.getParent(), "fetch-", ".partial");
      try (var in = s3.getObject(request -> request.bucket(bucket).key(prefix + key))) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
      return copy;
    } catch (S3Exception e) {
      if ("InvalidObjectState".equals(errorCode(e))) {
        throw new ConflictException(
            "This shipment is archived in a storage class that must be restored before it is"
                + " read; an administrator starts that with POST"
                + " /api/v1/admin/archive/restore/{trackingNumber}",
            RESTORE_WAIT);
      }
      throw e;
    } catch (SdkClientException e) {
      throw new ServiceUnavailableException(
          "The archive is out of reach; try again later", Duration.ofSeconds(30), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot fetch the archive file " + key, e);
    }
  }

  @Override
  public void delete(String key) {
    s3.deleteObject(request -> request.bucket(bucket).key(prefix + key));
  }

  @Override
  public boolean restore(String key) {
    try {
      s3.restoreObject(
          request ->
              request
                  .bucket(bucket)
                  .key(prefix + key)
                  .restoreRequest(
                      restore ->
                          restore
                              .days(7)
                              .glacierJobParameters(
                                  GlacierJobParameters.builder().tier(Tier.STANDARD).build())));
      return true;
    } catch (S3Exception e) {
      return switch (String.valueOf(errorCode(e))) {
        case "RestoreAlreadyInProgress" -> true;
        // its storage class is read without a restore
        case "InvalidObjectState" -> false;
        default -> throw e;
      };
    }
  }

  private static @Nullable String errorCode(S3Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  @Override
  public void close() {
    s3.close();
  }
}
