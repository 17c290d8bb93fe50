package io.rastro.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.archive.ArchiveProperties;
import io.rastro.support.S3Node;
import io.rastro.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store's uploads against a real S3-compatible server (S3Mock): a file larger than the part
 * size goes up in parts, each checked by the store on receipt, and reads back whole; in a storage
 * class that needs a restore, the digest of the parts' digests is what is checked; a file that does
 * not match its checksum is refused; deleting a key also aborts an upload of it left unfinished.
 */
class S3ArchiveStoreIT {

  private static final String PREFIX = "store-test/";
  private static @Nullable S3Node s3;

  @TempDir Path directory;

  @BeforeAll
  static void start() {
    assumeFalse(TestDatabase.onServer(), "needs no database: the embedded run covers it");
    // The SDK's usual chain finds these, as it would the environment's on a server.
    System.setProperty("aws.accessKeyId", "rastro");
    System.setProperty("aws.secretAccessKey", "rastro-secret");
    s3 = S3Node.start();
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  private S3ArchiveStore store(String storageClass) {
    var settings =
        new ArchiveProperties.S3(
            node().uri(),
            S3Node.BUCKET,
            PREFIX,
            "us-east-1",
            storageClass,
            directory.resolve("cache"),
            ArchiveProperties.S3.LEAST_PART);
    return new S3ArchiveStore(settings, directory.resolve("cache"));
  }

  private static S3Node node() {
    assertThat(s3).isNotNull();
    return s3;
  }

  /** A file of random bytes: two whole parts of the least size and a short last one. */
  private Path bigFile() throws IOException {
    var bytes = new byte[(int) ArchiveProperties.S3.LEAST_PART.toBytes() * 2 + 12_345];
    new Random(19).nextBytes(bytes);
    return Files.write(directory.resolve("big.parquet"), bytes);
  }

  @Test
  void aFileLargerThanAPartGoesUpInPartsAndReadsBackWhole() throws IOException {
    var file = bigFile();
    try (var store = store("STANDARD");
        var client = node().client()) {
      store.put("2023-01/run-1-1.parquet", file, Checksums.sha256(file));

      var head =
          client.headObject(r -> r.bucket(S3Node.BUCKET).key(PREFIX + "2023-01/run-1-1.parquet"));
      assertThat(head.contentLength()).isEqualTo(Files.size(file));
      assertThat(head.eTag()).as("a multipart upload's ETag counts its parts").endsWith("-3\"");
      assertThat(Checksums.sha256(store.fetch("2023-01/run-1-1.parquet")))
          .isEqualTo(Checksums.sha256(file));
      assertThat(unfinishedUploads(client)).isZero();
    }
  }

  @Test
  void inAColdClassTheStoredDigestOfThePartsIsChecked() throws IOException {
    var file = bigFile();
    try (var store = store("DEEP_ARCHIVE");
        var client = node().client()) {
      store.put("2023-02/run-1-1.parquet", file, Checksums.sha256(file));

      var head =
          client.headObject(r -> r.bucket(S3Node.BUCKET).key(PREFIX + "2023-02/run-1-1.parquet"));
      assertThat(head.storageClassAsString()).isEqualTo("DEEP_ARCHIVE");
      assertThat(head.contentLength()).isEqualTo(Files.size(file));
    }
  }

  @Test
  void aFileThatDoesNotMatchItsChecksumIsRefused() throws IOException {
    var file = bigFile();
    var other = Checksums.sha256(Files.write(directory.resolve("other"), new byte[] {1}));
    try (var store = store("STANDARD")) {
      assertThatThrownBy(() -> store.put("2023-03/run-1-1.parquet", file, other))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("2023-03/run-1-1.parquet");
      var small = Files.write(directory.resolve("small"), new byte[] {1, 2, 3});
      assertThatThrownBy(() -> store.put("2023-03/run-1-2.parquet", small, other))
          .as("the store refuses a body that does not match its SHA-256");
    }
  }

  @Test
  void deletingAKeyAbortsAnUploadOfItLeftUnfinished() {
    try (var store = store("STANDARD");
        var client = node().client()) {
      var key = PREFIX + "2023-04/run-1-1.parquet";
      client.createMultipartUpload(r -> r.bucket(S3Node.BUCKET).key(key));
      client.createMultipartUpload(r -> r.bucket(S3Node.BUCKET).key(key + ".other"));
      assertThat(unfinishedUploads(client)).isEqualTo(2);

      store.delete("2023-04/run-1-1.parquet");

      assertThat(unfinishedUploads(client)).as("only that key's").isOne();
      store.delete("2023-04/run-1-1.parquet.other");
      assertThat(unfinishedUploads(client)).isZero();
    }
  }

  private static long unfinishedUploads(S3Client client) {
    return client
        .listMultipartUploads(r -> r.bucket(S3Node.BUCKET).prefix(PREFIX))
        .uploads()
        .size();
  }
}
