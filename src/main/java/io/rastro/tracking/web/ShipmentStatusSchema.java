package io.rastro.tracking.web;

import io.rastro.tracking.TrackingStatus;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The {@code ShipmentStatus} schema of the OpenAPI document: {@code PENDING} or a {@link
 * TrackingStatus}, made from the enum so that the two cannot drift. Fields and parameters that
 * carry a shipment's status refer to it with {@code @Schema(ref =
 * TrackingStatus.SHIPMENT_STATUS_SCHEMA)}.
 */
@Component
class ShipmentStatusSchema implements OpenApiCustomizer {

  /** The component's name, as the reference the fields use names it. */
  static final String NAME =
      TrackingStatus.SHIPMENT_STATUS_SCHEMA.substring(
          TrackingStatus.SHIPMENT_STATUS_SCHEMA.lastIndexOf('/') + 1);

  @Override
  public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
    var values = new ArrayList<>(List.of("PENDING"));
    for (var status : TrackingStatus.values()) {
      values.add(status.name());
    }
    var schema = new StringSchema();
    schema.setEnum(values);
    schema.setDescription(
        "A shipment's status: the status of its event with the latest occurredAt, or PENDING"
            + " before its first event");
    openApi.getComponents().addSchemas(NAME, schema);
  }
}
