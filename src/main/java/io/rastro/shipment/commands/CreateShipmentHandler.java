package io.rastro.shipment.commands;

import io.rastro.carrier.Carriers;
import io.rastro.customer.Customers;
import io.rastro.platform.Caller;
import io.rastro.platform.ForbiddenException;
import io.rastro.platform.UnknownReferenceException;
import io.rastro.shipment.NewShipment;
import io.rastro.shipment.Shipments;
import io.rastro.shipment.TrackingNumber;
import io.rastro.shipment.internal.ShipmentIngest;
import io.rastro.shipment.internal.TrackingNumberIssuer;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Handles {@link CreateShipment}: checks what it names, issues its tracking number and queues it on
 * the write-ahead queue.
 */
@Service
class CreateShipmentHandler {

  private static final Logger log = LoggerFactory.getLogger(CreateShipmentHandler.class);

  private final Customers customers;
  private final Carriers carriers;
  private final Shipments shipments;
  private final TrackingNumberIssuer issuer;
  private final ShipmentIngest ingest;
  private final Clock clock;

  CreateShipmentHandler(
      Customers customers,
      Carriers carriers,
      Shipments shipments,
      TrackingNumberIssuer issuer,
      ShipmentIngest ingest,
      Clock clock) {
    this.customers = customers;
    this.carriers = carriers;
    this.shipments = shipments;
    this.issuer = issuer;
    this.ingest = ingest;
    this.clock = clock;
  }

  ShipmentAccepted handle(CreateShipment command) {
    Caller.customerScope()
        .filter(own -> !own.equals(command.customerId()))
        .ifPresent(
            own -> {
              throw new ForbiddenException(
                  "customerId", "a SHIPPER key creates shipments for its own customer only");
            });
    if (!customers.exists(command.customerId())) {
      throw new UnknownReferenceException("customerId", "no customer " + command.customerId());
    }
    var carrierCode =
        command.carrierCode() == null ? null : command.carrierCode().toUpperCase(Locale.ROOT);
    if (carrierCode != null && !carriers.exists(carrierCode)) {
      throw new UnknownReferenceException("carrierCode", "no carrier " + carrierCode);
    }
    var trackingNumber = issuer.issue(command.customerId(), command.reference());
    if (command.reference() != null && written(trackingNumber)) {
      return ShipmentAccepted.found(trackingNumber);
    }
    ingest.enqueue(
        new NewShipment(
            trackingNumber,
            command.customerId(),
            command.reference(),
            carrierCode,
            command.service(),
            command.weightKg(),
            command.promisedDeliveryDate(),
            command.origin(),
            command.destination(),
            clock.instant()));
    return ShipmentAccepted.created(trackingNumber);
  }

  /**
   * Whether the shipment was written already. Not knowing (the database is down while the queue is
   * up) is no reason to refuse: queued again, it is still written once.
   */
  private boolean written(TrackingNumber trackingNumber) {
    try {
      return shipments.exists(trackingNumber);
    } catch (DataAccessException e) {
      log.debug("Could not tell whether {} was written: {}", trackingNumber, e.toString());
      return false;
    }
  }
}
