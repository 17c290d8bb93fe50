package io.rastro.outbox.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.rastro.archive.ShipmentArchived;
import io.rastro.archive.ShipmentRestored;
import io.rastro.outbox.DomainEvent;
import io.rastro.outbox.EventCatalog;
import io.rastro.outbox.EventType;
import io.rastro.outbox.OutboxRow;
import io.rastro.platform.Caller;
import io.rastro.security.ApiKeyIssued;
import io.rastro.security.ApiKeyRevoked;
import io.rastro.shipment.NewShipment;
import io.rastro.shipment.ShipmentAddress;
import io.rastro.shipment.ShipmentCreated;
import io.rastro.shipment.TrackingNumber;
import io.rastro.tracking.ShipmentDelivered;
import io.rastro.tracking.ShipmentStatusChanged;
import io.rastro.tracking.TrackingEventRecorded;
import io.rastro.tracking.TrackingStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pins the exact CloudEvent each published event type puts on the bus, per version, against a
 * golden file in {@code src/test/resources/events}: a change to an event's JSON that does not come
 * with a new version fails here. Every {@link DomainEvent} record in Rastro must have a sample
 * below and its golden file. To write the file of a new version: {@code
 * -Drastro.golden.write=true}.
 */
class PublishedEventsGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/events");
  private static final Instant WRITTEN_AT = Instant.parse("2026-11-30T08:15:30.123456Z");

  private static final ShipmentCreated CREATED =
      new ShipmentCreated(
          new NewShipment(
              new TrackingNumber("RS000000001ES"),
              UUID.fromString("8d3c1f7e-2b4a-4c5d-9e6f-0a1b2c3d4e5f"),
              "PO-2026-0042",
              "CORREOS",
              "express",
              new BigDecimal("2.500"),
              LocalDate.parse("2026-12-03"),
              new ShipmentAddress("Calle Mayor 1", "Madrid", "28013", "ES", 40.4168, -3.7038),
              new ShipmentAddress("Calle Alfonso I 5", "Zaragoza", null, "ES", null, null),
              Instant.parse("2026-11-30T08:15:00Z")),
          41,
          "Librería Pérez",
          null,
          "pedidos@libreriaperez.es");

  private static final TrackingEventRecorded RECORDED =
      new TrackingEventRecorded(
          new TrackingNumber("RS000000001ES"),
          "correos-778",
          TrackingStatus.EXCEPTION,
          Instant.parse("2026-11-30T07:59:00Z"),
          Instant.parse("2026-11-30T08:15:29.5Z"),
          "Centro de tratamiento",
          "Zaragoza",
          "ES",
          41.6488,
          -0.8891,
          "Dirección incompleta",
          "ADDRESS_INCOMPLETE",
          "CORREOS");

  private static final Map<Class<?>, DomainEvent> SAMPLES =
      Map.of(
          ShipmentCreated.class,
          CREATED,
          TrackingEventRecorded.class,
          RECORDED,
          ShipmentStatusChanged.class,
          new ShipmentStatusChanged(
              "RS000000001ES",
              "IN_TRANSIT",
              "EXCEPTION",
              Instant.parse("2026-11-30T07:59:00Z"),
              "correos-778"),
          ShipmentDelivered.class,
          new ShipmentDelivered(
              "RS000000001ES",
              "OUT_FOR_DELIVERY",
              "DELIVERED",
              Instant.parse("2026-12-01T12:30:00Z"),
              "correos-801"),
          ShipmentArchived.class,
          new ShipmentArchived(
              "RS000000001ES",
              UUID.fromString("8d3c1f7e-2b4a-4c5d-9e6f-0a1b2c3d4e5f"),
              "2026-11/run-12-1.parquet",
              1,
              Instant.parse("2029-12-01T02:31:07.250Z")),
          ShipmentRestored.class,
          new ShipmentRestored(CREATED, List.of(RECORDED)),
          ApiKeyIssued.class,
          new ApiKeyIssued(
              UUID.fromString("0b6f4c1e-7d2a-4e8b-9c3d-5a6b7c8d9e0f"),
              "Librería Pérez's shop",
              Caller.Role.SHIPPER,
              UUID.fromString("8d3c1f7e-2b4a-4c5d-9e6f-0a1b2c3d4e5f"),
              null,
              "n4bQgNhMDo8WbOkqN0eWkM0PgzeZUzJbXGp0bJuQXkE=",
              "rastro_Xk3f9A",
              Instant.parse("2026-11-30T08:00:00Z")),
          ApiKeyRevoked.class,
          new ApiKeyRevoked(
              UUID.fromString("0b6f4c1e-7d2a-4e8b-9c3d-5a6b7c8d9e0f"),
              Instant.parse("2026-12-01T09:00:00Z")));

  private final JsonMapper json = productionMapper();
  private final EventCatalog catalog = new EventCatalog(json, publishedTypes());
  private final CloudEventCodec codec = new CloudEventCodec(json, catalog, "/rastro");

  @Test
  void everyPublishedEventTypeHasASample() {
    assertThat(SAMPLES.keySet())
        .containsExactlyInAnyOrderElementsOf(
            publishedTypes().stream().<Class<?>>map(EventType::record).toList());
  }

  @Test
  void eachEventGoesOnTheBusExactlyAsItsGoldenFileSays() throws IOException {
    for (var type : publishedTypes()) {
      var file = GOLDEN.resolve(type.routingKey() + ".v" + type.version() + ".json");
      var written = new String(onTheBus(SAMPLES.get(type.record())));
      if (Boolean.getBoolean("rastro.golden.write") && !Files.exists(file)) {
        Files.createDirectories(GOLDEN);
        Files.writeString(
            file,
            json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(written))
                + "\n");
      }
      assertThat(file).as("the golden file of %s", type.cloudEventType()).exists();
      assertThat(json.readTree(written))
          .as(
              "%s changed its JSON: a removed or renamed field needs a new version, an added field its golden file updated; it is now %s",
              type.cloudEventType(), written)
          .isEqualTo(json.readTree(Files.readString(file)));
    }
  }

  @Test
  void aConsumerReadsBackTheEventThatWasPublished() {
    for (var sample : SAMPLES.values()) {
      var delivered = codec.read(onTheBus(sample));
      // JSON carries a decimal's value, not its scale: 2.500 kg reads back as 2.5 kg.
      assertThat(delivered.event().event())
          .usingRecursiveComparison()
          .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
          .isEqualTo(sample);
      assertThat(delivered.mark()).isEqualTo(new Mark(7001, 42));
      assertThat(delivered.previous()).isEqualTo(new Mark(7000, 41));
    }
  }

  private byte[] onTheBus(DomainEvent event) {
    var encoded = catalog.encode(event);
    var row =
        new OutboxRow(7001, 42, encoded.type(), encoded.subject(), WRITTEN_AT, encoded.data());
    return codec.write(row, new Mark(7000, 41));
  }

  /** Every DomainEvent record in Rastro, by the EventType each declares as TYPE. */
  private static List<EventType<?>> publishedTypes() {
    return new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.rastro")
            .stream()
            .filter(c -> c.isAssignableTo(DomainEvent.class) && !c.isInterface())
            .<EventType<?>>map(
                c -> {
                  try {
                    return (EventType<?>) c.reflect().getField("TYPE").get(null);
                  } catch (ReflectiveOperationException e) {
                    throw new AssertionError(c.getName() + " declares no public static TYPE", e);
                  }
                })
            .toList();
  }

  /** The mapper Rastro runs with: Spring Boot's, as the application configures it. */
  private static JsonMapper productionMapper() {
    var mapper = new JsonMapper[1];
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
        .run(context -> mapper[0] = context.getBean(JsonMapper.class));
    return mapper[0];
  }
}
