package io.rastro.shipmentview.refresh;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Proves the projection equal to the write model, shipment by shipment: in one database ({@code
 * rastro.role=all}) or across the ingest role's and the query role's.
 */
interface ReadModelCheck {

  /**
   * Compares every shipment. Exact when writes are quiet; under load, a write committed during the
   * check can show as a difference on its shipment.
   *
   * @param authorization the caller's {@code Authorization} header, which the query role shows the
   *     ingest role to read the write model
   */
  Result check(@Nullable String authorization);

  /**
   * What a check found.
   *
   * @param checked shipments the recomputation has
   * @param differing shipments whose projected row differs from the recomputed one, or is missing
   *     on one side
   * @param examples up to ten of them, each with both versions
   */
  @Schema(name = "ReadModelCheck")
  record Result(long checked, long differing, List<Difference> examples) {}

  /** One shipment that differs: the recomputed row and the projected one (null where missing). */
  @Schema(name = "ReadModelDifference")
  record Difference(String trackingNumber, @Nullable String expected, @Nullable String actual) {}
}
