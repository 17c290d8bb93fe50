package io.rastro.archive.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** The archive in a directory: {@code rastro.archive.store=local}, the default. */
final class LocalArchiveStore implements ArchiveStore {

  private final Path directory;

  LocalArchiveStore(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.directory);
    } catch (IOException e) {
      throw new IllegalStateException(
          "rastro.archive.directory: cannot create " + this.directory + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String location() {
    return directory.toString();
  }

  /** Copies the file in beside its place, flushes it to disk, and renames it into place. */
  @Override
  public void put(String key, Path file, String sha256) {
    var target = resolve(key);
    try {
      Files.createDirectories(target.getParent());
      var partial = partial(target);
      Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
      try (var channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      // the rename itself survives a power loss only once its directory is on disk
      try (var directory = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
        directory.force(true);
      }
      var stored = Checksums.sha256(target);
      if (!stored.equals(sha256)) {
        throw new IllegalStateException(
            "The archive file %s reads back with SHA-256 %s, not %s"
                .formatted(key, stored, sha256));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store the archive file " + target, e);
    }
  }

  @Override
  public Path fetch(String key) {
    var file = resolve(key);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("The archive file " + file + " is missing");
    }
    return file;
  }

  /** Deletes the file, and its copy that a stopped run left half-made beside it. */
  @Override
  public void delete(String key) {
    var file = resolve(key);
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(partial(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean restore(String key) {
    return false;
  }

  private static Path partial(Path file) {
    return file.resolveSibling(file.getFileName() + ".partial");
  }

  private Path resolve(String key) {
    var file = directory.resolve(key).normalize();
    if (!file.startsWith(directory)) {
      throw new IllegalArgumentException("Not an archive key: " + key);
    }
    return file;
  }
}
