package io.rastro.archive.internal;

import java.nio.file.Path;

/**
 * Where the archive's files live. Keys are relative paths such as {@code 2023-01/run-42-1.parquet};
 * every operation either does what it says or throws, so that a run never deletes rows whose file
 * is not stored and checked.
 */
interface ArchiveStore {

  /** Where the files go, for operators: a directory or an {@code s3://} URL. */
  String location();

  /**
   * Stores a file under a key, then reads it back from the store and checks its SHA-256.
   *
   * @throws IllegalStateException when it cannot, or what the store gives back differs
   */
  void put(String key, Path file, String sha256);

  /**
   * A local path to read a stored file from (the file itself, or a copy of it).
   *
   * @throws io.rastro.platform.ConflictException when its storage class needs a restore first
   */
  Path fetch(String key);

  /** Deletes a file, if it is there. */
  void delete(String key);

  /**
   * Starts a restore of a file from a storage class that needs one; a no-op elsewhere.
   *
   * @return whether the file needs time before it can be read
   */
  boolean restore(String key);
}
