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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
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

  private static final Logger log = LoggerFactory.getLogger(S3ArchiveStore.class);
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  /** How long a query waits before asking again for a file that a restore must bring back. */
  static final Duration RESTORE_WAIT = Duration.ofHours(1);

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final StorageClass storageClass;
  private final Path cache;
  private final int partSize;

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
    this.partSize = Math.toIntExact(settings.partSize().toBytes());
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
   * without a restore, asks the store for the SHA-256 it holds instead. A file larger than {@code
   * rastro.archive.s3.part-size} goes up in parts, each checked on receipt by its own SHA-256, and
   * what the store then holds for the whole is the SHA-256 of the parts' digests.
   */
  @Override
  public void put(String key, Path file, String sha256) {
    String expected;
    try {
      expected =
          Files.size(file) > partSize
              ? putInParts(key, file)
              : putWhole(key, file, HexFormat.of().parseHex(sha256));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the archive file " + key, e);
    }
    String stored;
    if (COLD.contains(storageClass)) {
      var head =
          s3.headObject(
              request ->
                  request.bucket(bucket).key(prefix + key).checksumMode(ChecksumMode.ENABLED));
      stored = String.valueOf(head.checksumSHA256());
    } else {
      expected = sha256;
      try (var in = s3.getObject(request -> request.bucket(bucket).key(prefix + key))) {
        stored = Checksums.sha256(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read back the archive file " + key, e);
      }
    }
    if (!stored.equals(expected)) {
      throw new IllegalStateException(
          "The archive file %s reads back from %s with SHA-256 %s, not %s"
              .formatted(key, location(), stored, expected));
    }
  }

  /** Stores a file in one request; returns its SHA-256 as S3 states it (Base64). */
  private String putWhole(String key, Path file, byte[] sha256) {
    var checksum = BASE64.encodeToString(sha256);
    s3.putObject(
        request ->
            request
                .bucket(bucket)
                .key(prefix + key)
                .storageClass(storageClass)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                .checksumSHA256(checksum),
        RequestBody.fromFile(file));
    return checksum;
  }

  /**
   * Stores a file in parts (a multipart upload), aborted if any step fails; returns the SHA-256 S3
   * then states for it: the digest of the parts' digests, and how many parts there are.
   */
  private String putInParts(String key, Path file) throws IOException {
    var upload =
        s3.createMultipartUpload(
                request ->
                    request
                        .bucket(bucket)
                        .key(prefix + key)
                        .storageClass(storageClass)
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256))
            .uploadId();
    try (var in = Files.newInputStream(file)) {
      var parts = new ArrayList<CompletedPart>();
      var digests = Checksums.sha256();
      for (var part = in.readNBytes(partSize); part.length > 0; part = in.readNBytes(partSize)) {
        var number = parts.size() + 1;
        var digest = Checksums.sha256().digest(part);
        digests.update(digest);
        var checksum = BASE64.encodeToString(digest);
        var uploaded =
            s3.uploadPart(
                request ->
                    request
                        .bucket(bucket)
                        .key(prefix + key)
                        .uploadId(upload)
                        .partNumber(number)
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                        .checksumSHA256(checksum),
                RequestBody.fromBytes(part));
        parts.add(
            CompletedPart.builder()
                .partNumber(number)
                .eTag(uploaded.eTag())
                .checksumSHA256(checksum)
                .build());
      }
      s3.completeMultipartUpload(
          request ->
              request
                  .bucket(bucket)
                  .key(prefix + key)
                  .uploadId(upload)
                  .multipartUpload(whole -> whole.parts(parts)));
      return BASE64.encodeToString(digests.digest()) + "-" + parts.size();
    } catch (IOException | RuntimeException e) {
      abort(prefix + key, upload);
      throw e;
    }
  }

  private void abort(String objectKey, String upload) {
    try {
      s3.abortMultipartUpload(request -> request.bucket(bucket).key(objectKey).uploadId(upload));
    } catch (SdkException e) {
      log.warn("Could not abort the upload {} of {}: {}", upload, objectKey, e.getMessage());
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

  /** Deletes the file, and any upload of it that a stopped run left unfinished. */
  @Override
  public void delete(String key) {
    s3.deleteObject(request -> request.bucket(bucket).key(prefix + key));
    for (var upload :
        s3.listMultipartUploadsPaginator(request -> request.bucket(bucket).prefix(prefix + key))
            .uploads()) {
      if (upload.key().equals(prefix + key)) {
        abort(upload.key(), upload.uploadId());
      }
    }
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
