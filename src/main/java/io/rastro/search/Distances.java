package io.rastro.search;

/**
 * Great-circle distances as both engines measure them: haversine on the mean Earth radius, as
 * Elasticsearch's {@code arc} distance and the {@code search_distance_km} SQL function do.
 */
public final class Distances {

  /** Elasticsearch's mean Earth radius, in kilometres. */
  public static final double EARTH_RADIUS_KM = 6371.0087714;

  private Distances() {}

  /** The distance between two points in degrees, in kilometres. */
  public static double km(double lat1, double lon1, double lat2, double lon2) {
    var dLat = Math.toRadians(lat2 - lat1);
    var dLon = Math.toRadians(lon2 - lon1);
    var h =
        Math.pow(Math.sin(dLat / 2), 2)
            + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2))
                * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
  }
}
