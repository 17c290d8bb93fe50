package io.rastro.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive in a directory, on the real file system. */
class LocalArchiveStoreTest {

  @TempDir Path directory;

  @Test
  void aStoredFileReadsBackAndADeletedOneLeavesNothingBehind() throws IOException {
    var store = new LocalArchiveStore(directory.resolve("archive"));
    var file = Files.write(directory.resolve("file.parquet"), new byte[] {1, 2, 3});
    store.put("2026-12/run-1-1.parquet", file, Checksums.sha256(file));
    assertThat(store.fetch("2026-12/run-1-1.parquet")).hasSameBinaryContentAs(file);

    // what a kill -9 during a copy leaves: the half-made copy beside the file's place
    var left =
        Files.write(directory.resolve("archive/2026-12/run-1-2.parquet.partial"), new byte[1]);
    store.delete("2026-12/run-1-1.parquet");
    store.delete("2026-12/run-1-2.parquet");

    assertThat(directory.resolve("archive/2026-12/run-1-1.parquet")).doesNotExist();
    assertThat(left).doesNotExist();
    assertThatThrownBy(() -> store.fetch("2026-12/run-1-1.parquet"))
        .hasMessageContaining("is missing");
  }

  @Test
  void aFileThatDoesNotReadBackAsItsDigestIsRefused() throws IOException {
    var store = new LocalArchiveStore(directory.resolve("archive"));
    var file = Files.write(directory.resolve("file.parquet"), new byte[] {1, 2, 3});
    var other = Files.write(directory.resolve("other"), new byte[] {4});

    assertThatThrownBy(() -> store.put("2026-12/run-1-1.parquet", file, Checksums.sha256(other)))
        .hasMessageContaining("2026-12/run-1-1.parquet");
  }

  @Test
  void aKeyOutsideTheDirectoryIsRefused() {
    var store = new LocalArchiveStore(directory.resolve("archive"));

    assertThatThrownBy(() -> store.delete("../outside.parquet"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
