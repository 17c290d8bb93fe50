package io.rastro.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.rastro.client.ApiClient;
import io.rastro.client.ApiException;
import io.rastro.client.api.AdministrationApi;
import io.rastro.client.api.CarriersApi;
import io.rastro.client.api.CustomersApi;
import io.rastro.client.api.PublicTrackingApi;
import io.rastro.client.api.ShipmentsApi;
import io.rastro.client.api.TrackingEventsApi;
import io.rastro.client.model.CreateApiKey;
import io.rastro.client.model.CreateShipment;
import io.rastro.client.model.EventLocation;
import io.rastro.client.model.PublicTrackingStep;
import io.rastro.client.model.RecordTrackingEvent;
import io.rastro.client.model.RecordTrackingEvent.StatusEnum;
import io.rastro.client.model.RegisterCarrier;
import io.rastro.client.model.RegisterCustomer;
import io.rastro.client.model.ShipmentAccepted;
import io.rastro.client.model.ShipmentAddress;
import io.rastro.client.model.ShipmentStatus;
import io.rastro.support.Api;
import io.rastro.support.IntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The README's walk-through, through a Java client that {@code openapi-generator} made from the
 * OpenAPI document alone ({@code src/test/resources/openapi.json}, which OpenApiDocumentIT holds
 * equal to the served one): what a user of another language gets from the document.
 */
class GeneratedClientIT extends IntegrationTest {

  @Test
  void runsTheReadmeWalkThrough() throws ApiException {
    var admin = client(Api.ADMIN_KEY);

    // 1. A customer: 201.
    var customer =
        new CustomersApi(admin)
            .registerCustomerWithHttpInfo(
                new RegisterCustomer()
                    .name("Ana Pérez")
                    .email("ana@example.es")
                    .phone("+34 600 000 000"));
    assertThat(customer.getStatusCode()).isEqualTo(201);
    var customerId = customer.getData().getId();
    assertThat(customer.getData().getName()).isEqualTo("Ana Pérez");

    // 2. A carrier: 201 (a fresh code: the tests share one database).
    var code = "SEUR-" + ThreadLocalRandom.current().nextInt(1_000_000);
    var carrier =
        new CarriersApi(admin)
            .registerCarrierWithHttpInfo(new RegisterCarrier().code(code).name("SEUR"));
    assertThat(carrier.getStatusCode()).isEqualTo(201);
    assertThat(carrier.getData().getCode()).isEqualTo(code);

    // 3. A shipment: 202 with a Location and a tracking number; the same reference again, the
    //    same number (200 once the first is written, 202 while it is still queued).
    var create =
        new CreateShipment()
            .customerId(customerId)
            .reference("ORDER-1001")
            .carrierCode(code)
            .promisedDeliveryDate(LocalDate.parse("2026-12-24"))
            .origin(
                new ShipmentAddress()
                    .line1("Calle Mayor 1")
                    .city("Madrid")
                    .postalCode("28013")
                    .country("ES"))
            .destination(
                new ShipmentAddress()
                    .line1("Jr. Lampa 1")
                    .city("Lima")
                    .country("PE")
                    .lat(-12.05)
                    .lon(-77.03));
    var shipments = new ShipmentsApi(admin);
    var accepted = shipments.createShipmentWithHttpInfo(create);
    assertThat(accepted.getStatusCode()).isEqualTo(202);
    var tn = accepted.getData().getTrackingNumber();
    assertThat(accepted.getData().getStatus()).isEqualTo(ShipmentAccepted.StatusEnum.PENDING);
    assertThat(accepted.getData().getConsistencyToken()).isNotBlank();
    assertThat(accepted.getHeaders().get("Location")).containsExactly("/api/v1/shipments/" + tn);
    var again = shipments.createShipmentWithHttpInfo(create);
    assertThat(again.getStatusCode()).isIn(200, 202);
    assertThat(again.getData().getTrackingNumber()).isEqualTo(tn);

    // 4. Tracking events, one and a batch: 202.
    var events = new TrackingEventsApi(admin);
    var one =
        events.recordTrackingEventWithHttpInfo(
            tn,
            new RecordTrackingEvent()
                .eventId("seur-881")
                .status(StatusEnum.PICKED_UP)
                .occurredAt(OffsetDateTime.parse("2026-11-28T09:10:00+01:00"))
                .location(new EventLocation().city("Madrid").country("ES")));
    assertThat(one.getStatusCode()).isEqualTo(202);
    assertThat(one.getData().getEventId()).isEqualTo("seur-881");
    var token = one.getData().getConsistencyToken();
    var inTransit =
        new RecordTrackingEvent()
            .trackingNumber(tn)
            .eventId("seur-900")
            .status(StatusEnum.IN_TRANSIT)
            .occurredAt(OffsetDateTime.parse("2026-11-28T20:00:00Z"));
    var batch = events.recordTrackingEventsWithHttpInfo(List.of(inTransit, inTransit));
    assertThat(batch.getStatusCode()).isEqualTo(202);
    assertThat(batch.getData().getAccepted()).isEqualTo(1);
    assertThat(batch.getData().getDuplicates()).isEqualTo(1);
    assertThat(batch.getData().getRejected()).isEmpty();

    // 5. The queue.
    var queue = new AdministrationApi(admin).getIngestQueue();
    assertThat(queue.getBackend()).isNotBlank();
    assertThat(queue.getDeadLetters()).isZero();

    // 6. Query: the shipment, read after its first event's write, and a page of one.
    var queries = new ShipmentsApi(admin);
    assertThat(queries.getShipment(tn, token).getEventCount()).isGreaterThanOrEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> queries.getShipment(tn, null).getEventCount() == 2);
    var shipment = queries.getShipment(tn, null);
    assertThat(shipment.getStatus()).isEqualTo(ShipmentStatus.IN_TRANSIT);
    assertThat(shipment.getCustomer().getId()).isEqualTo(customerId);
    assertThat(shipment.getCarrier().getCode()).isEqualTo(code);
    assertThat(shipment.getEstimatedDelivery()).isEqualTo(LocalDate.parse("2026-12-24"));
    assertThat(shipment.getDeliveredAt()).isNull();
    assertThat(shipment.getEvents())
        .extracting(e -> e.getEventId())
        .containsExactly("seur-881", "seur-900");
    var page =
        queries.listShipments(
            customerId, ShipmentStatus.IN_TRANSIT, null, null, null, 50, null, null);
    assertThat(page.getItems()).extracting(s -> s.getTrackingNumber()).containsExactly(tn);
    assertThat(page.getNextCursor()).isNull();

    // 7. Public tracking, without a key.
    var tracking = new PublicTrackingApi(client(null)).trackShipment(tn);
    assertThat(tracking.getStatus()).isEqualTo(ShipmentStatus.IN_TRANSIT);
    assertThat(tracking.getCarrier()).as("the carrier's name").isEqualTo("SEUR");
    assertThat(tracking.getEvents())
        .extracting(PublicTrackingStep::getStatus)
        .containsExactly(
            PublicTrackingStep.StatusEnum.IN_TRANSIT, PublicTrackingStep.StatusEnum.PICKED_UP);

    // 8. A key for the carrier alone, shown once; with it the carrier sends its own events.
    var issued =
        new AdministrationApi(admin)
            .createApiKeyWithHttpInfo(
                new CreateApiKey()
                    .role(CreateApiKey.RoleEnum.CARRIER)
                    .carrierCode(code)
                    .name("SEUR integration"));
    assertThat(issued.getStatusCode()).isEqualTo(201);
    assertThat(issued.getData().getKey()).startsWith(issued.getData().getPrefix());
    var byCarrier =
        new TrackingEventsApi(client(issued.getData().getKey()))
            .recordTrackingEventWithHttpInfo(
                tn,
                new RecordTrackingEvent()
                    .eventId("seur-950")
                    .status(StatusEnum.OUT_FOR_DELIVERY)
                    .occurredAt(OffsetDateTime.parse("2026-11-29T08:00:00Z")));
    assertThat(byCarrier.getStatusCode()).isEqualTo(202);

    // 9. The read model equals the write model.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> queries.getShipment(tn, null).getEventCount() == 3);
    assertThat(new AdministrationApi(admin).checkReadModel().getDiffering()).isZero();
  }

  @Test
  void readsARefusalAsAProblem() {
    var refused =
        catchThrowableOfType(
            ApiException.class,
            () -> new CustomersApi(client(Api.ADMIN_KEY)).getCustomer(UUID.randomUUID()));

    assertThat(refused.getCode()).isEqualTo(404);
    assertThat(refused.getResponseHeaders().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  /** A generated client of this server, sending this key (or none: the public). */
  private ApiClient client(@Nullable String key) {
    var client = new ApiClient();
    client.updateBaseUri("http://localhost:" + port);
    if (key != null) {
      client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + key));
    }
    return client;
  }
}
