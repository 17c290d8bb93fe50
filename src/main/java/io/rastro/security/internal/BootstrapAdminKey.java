package io.rastro.security.internal;

import io.rastro.platform.Caller;
import io.rastro.platform.EmbeddedDatabase;
import io.rastro.security.ApiKeys;
import io.rastro.security.SecurityProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes sure someone can create the first keys. With {@code RASTRO_BOOTSTRAP_ADMIN_KEY} set, that
 * key is it. Otherwise, on the embedded database with no {@code ADMIN} key yet, Rastro creates one
 * and writes it to {@code admin-key} in the data directory, readable only by its owner; the log
 * says where, never what.
 */
@Component
class BootstrapAdminKey {

  private static final Logger log = LoggerFactory.getLogger(BootstrapAdminKey.class);
  static final String FILE = "admin-key";

  private final ApiKeys keys;
  private final SecurityProperties properties;
  private final ObjectProvider<EmbeddedDatabase> embedded;

  BootstrapAdminKey(
      ApiKeys keys, SecurityProperties properties, ObjectProvider<EmbeddedDatabase> embedded) {
    this.keys = keys;
    this.properties = properties;
    this.embedded = embedded;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ensureAnAdmin() throws IOException {
    var bootstrap = properties.bootstrapAdminKey();
    if (bootstrap != null && !bootstrap.isBlank()) {
      log.info("The ADMIN key from RASTRO_BOOTSTRAP_ADMIN_KEY is accepted");
      return;
    }
    if (keys.anyAdmin()) {
      return;
    }
    var database = embedded.getIfAvailable();
    if (database == null) {
      log.warn(
          "No ADMIN API key exists: set RASTRO_BOOTSTRAP_ADMIN_KEY (32+ characters) and create"
              + " keys with POST /api/v1/admin/api-keys");
      return;
    }
    var issued = keys.issue("first admin (created at first start)", Caller.Role.ADMIN, null, null);
    var file = database.dataDir().resolve(FILE);
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        file, issued.key() + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    log.info(
        "Created an ADMIN API key ({}…) and wrote it to {} (readable by its owner only)",
        issued.apiKey().prefix(),
        file);
  }
}
