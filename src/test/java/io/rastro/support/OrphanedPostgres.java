package io.rastro.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;

/**
 * Run in a child JVM: starts an embedded PostgreSQL on a data directory and waits, so that a test
 * can {@code kill -9} the JVM and leave the server orphaned, as a crashed Rastro would.
 */
public final class OrphanedPostgres {

  private OrphanedPostgres() {}

  public static void main(String[] args) throws Exception {
    var postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(Path.of(args[0]))
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .start();
    System.out.println("READY " + postgres.getPort());
    System.out.flush();
    Thread.currentThread().join();
  }
}
