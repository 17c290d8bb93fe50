package io.rastro.archive.internal;

import io.rastro.archive.ArchiveProperties;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The store {@code rastro.archive.store} names. */
@Configuration(proxyBeanMethods = false)
class ArchiveStoreConfiguration {

  @Bean
  ArchiveStore archiveStore(
      ArchiveProperties properties, @Value("${rastro.data-dir:./rastro-data}") Path dataDir) {
    return switch (properties.store()) {
      case LOCAL ->
          new LocalArchiveStore(
              properties.directory() != null ? properties.directory() : dataDir.resolve("archive"));
      case S3 ->
          new S3ArchiveStore(
              properties.s3(),
              properties.s3().cache() != null
                  ? properties.s3().cache()
                  : dataDir.resolve("archive-cache"));
    };
  }
}
