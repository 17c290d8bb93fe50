package io.rastro.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, in hex, of files and streams. */
final class Checksums {

  private Checksums() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(Path file) {
    try (var in = Files.newInputStream(file)) {
      return sha256(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(InputStream in) throws IOException {
    var digest = sha256();
    try (var through = new DigestInputStream(in, digest)) {
      through.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
