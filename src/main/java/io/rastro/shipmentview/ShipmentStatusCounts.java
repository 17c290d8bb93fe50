package io.rastro.shipmentview;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many shipments the read model holds in each status, for the operations dashboard. */
@Component
public class ShipmentStatusCounts {

  private final JdbcClient jdbc;
  private final ReadModelProperties properties;

  ShipmentStatusCounts(JdbcClient jdbc, ReadModelProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /** Shipments per status, the most common first. */
  public Map<String, Long> now() {
    var byStatus = new LinkedHashMap<String, Long>();
    jdbc.sql(
            "select status, count(*) from "
                + properties.detailsRelation()
                + " group by status order by 2 desc")
        .query(
            rs -> {
              byStatus.put(rs.getString(1), rs.getLong(2));
            });
    return byStatus;
  }
}
