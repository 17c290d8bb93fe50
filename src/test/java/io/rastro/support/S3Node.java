package io.rastro.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server of the test's own: Adobe's S3Mock ({@code com.adobe.testing:s3mock}, the
 * version the build copies to {@code target/s3mock.jar}), on a free port, with one bucket and its
 * files under {@code target/it-data/s3-<port>}, so that a test can stop it and start it again on
 * the same objects.
 */
public final class S3Node implements AutoCloseable {

  public static final String BUCKET = "rastro-archive";

  private static final Path JAR = Path.of("target", "s3mock.jar");

  private final Path home;
  private final int port;
  private @Nullable Process process;

  private S3Node(Path home, int port) {
    this.home = home;
    this.port = port;
  }

  /** Starts a server with the bucket {@value #BUCKET}. */
  public static S3Node start() {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run the build (process-test-classes)");
    }
    var port = RastroProcess.freePort();
    try {
      var home =
          Files.createDirectories(Path.of("target", "it-data", "s3-" + port)).toAbsolutePath();
      var node = new S3Node(home, port);
      node.startAgain();
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sets a test's Rastro to archive to an S3 store at this endpoint, every shipment quiet for a
   * second, only when the test starts a run; the credentials are found by the SDK's usual chain, as
   * the environment's would be on a server.
   */
  public static void archiveTo(
      DynamicPropertyRegistry registry,
      Supplier<URI> endpoint,
      String prefix,
      String storageClass) {
    System.setProperty("aws.accessKeyId", "rastro");
    System.setProperty("aws.secretAccessKey", "rastro-secret");
    registry.add("rastro.archive.store", () -> "s3");
    registry.add("rastro.archive.s3.endpoint", () -> endpoint.get().toString());
    registry.add("rastro.archive.s3.bucket", () -> BUCKET);
    registry.add("rastro.archive.s3.prefix", () -> prefix);
    registry.add("rastro.archive.s3.storage-class", () -> storageClass);
    registry.add("rastro.archive.after", () -> "PT1S");
    registry.add("rastro.archive.schedule", () -> "-");
  }

  /** Its endpoint, for {@code rastro.archive.s3.endpoint}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** A client of it, as a test checks what the bucket holds. */
  public S3Client client() {
    return S3Client.builder()
        .endpointOverride(uri())
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .build();
  }

  /** Starts the server (again) on its files, and waits until it answers. */
  public void startAgain() {
    process =
        Processes.start(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-jar",
                JAR.toAbsolutePath().toString(),
                "--server.port=0",
                "--com.adobe.testing.s3mock.http-port=" + port,
                "--com.adobe.testing.s3mock.store.root=" + home.resolve("objects"),
                "--com.adobe.testing.s3mock.store.retain-files-on-exit=true",
                "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                "--logging.level.root=warn"),
            home.resolve("stdout.log"),
            Duration.ofMinutes(2),
            this::answers);
  }

  /** Stops the server, as an outage does. */
  public void stop() {
    var running = process;
    if (running == null) {
      return;
    }
    Processes.end(running, false);
    process = null;
  }

  private boolean answers() {
    try (var http = HttpClient.newHttpClient()) {
      return http.send(
                  HttpRequest.newBuilder(uri().resolve("/" + BUCKET)).GET().build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
