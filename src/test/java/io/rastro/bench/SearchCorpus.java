package io.rastro.bench;

import io.rastro.search.SearchRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * What the search benchmark loads and asks: shipments of Spanish and Latin-American customers
 * (names with accents), with references, streets and cities at their real coordinates, and the
 * queries an operator types about them: names with and without their accents, a name one typo off,
 * a reference's prefix, a city; places within 50 km; and both at once.
 */
final class SearchCorpus {

  /** A city at its real coordinates. */
  record City(String name, String country, String postalCode, double lat, double lon) {

    /** {@code lat,lon}, as the search's {@code near} takes it. */
    String point() {
      return String.format(Locale.ROOT, "%.4f,%.4f", lat, lon);
    }
  }

  static final City MADRID = new City("Madrid", "ES", "28013", 40.4168, -3.7038);
  static final City ZARAGOZA = new City("Zaragoza", "ES", "50001", 41.6488, -0.8891);
  static final City LIMA = new City("Lima", "PE", "15001", -12.0464, -77.0428);
  static final City MEXICO_CITY = new City("Ciudad de México", "MX", "06000", 19.4326, -99.1332);

  /** Where parcels start, pass and end. */
  static final List<City> CITIES =
      List.of(
          MADRID,
          ZARAGOZA,
          LIMA,
          MEXICO_CITY,
          new City("Barcelona", "ES", "08001", 41.3874, 2.1686),
          new City("Valencia", "ES", "46001", 39.4699, -0.3763),
          new City("Sevilla", "ES", "41001", 37.3891, -5.9845),
          new City("Málaga", "ES", "29001", 36.7213, -4.4214),
          new City("Bilbao", "ES", "48001", 43.2630, -2.9350),
          new City("A Coruña", "ES", "15001", 43.3623, -8.4115),
          new City("Córdoba", "ES", "14001", 37.8882, -4.7794),
          new City("Alcalá de Henares", "ES", "28801", 40.4818, -3.3636),
          new City("Getafe", "ES", "28901", 40.3057, -3.7329),
          new City("Huesca", "ES", "22001", 42.1401, -0.4089),
          new City("Callao", "PE", "07001", -12.0566, -77.1181),
          new City("Arequipa", "PE", "04001", -16.4090, -71.5375),
          new City("Guadalajara", "MX", "44100", 20.6597, -103.3496),
          new City("Monterrey", "MX", "64000", 25.6866, -100.3161),
          new City("Puebla", "MX", "72000", 19.0414, -98.2063),
          new City("Bogotá", "CO", "110111", 4.7110, -74.0721),
          new City("Medellín", "CO", "050001", 6.2442, -75.5812),
          new City("Santiago", "CL", "8320000", -33.4489, -70.6693),
          new City("Buenos Aires", "AR", "C1002", -34.6037, -58.3816),
          new City("Quito", "EC", "170150", -0.1807, -78.4678));

  static final List<String> FIRST_NAMES =
      List.of(
          "María",
          "José",
          "Juan",
          "Lucía",
          "Sofía",
          "Martín",
          "Camila",
          "Andrés",
          "Ángel",
          "Mónica",
          "Íñigo",
          "Begoña",
          "Raúl",
          "Inés",
          "Jesús",
          "Valentina",
          "Sebastián",
          "Ramón",
          "Nuria",
          "Joaquín");

  static final List<String> SURNAMES =
      List.of(
          "García",
          "Fernández",
          "González",
          "Rodríguez",
          "López",
          "Martínez",
          "Sánchez",
          "Pérez",
          "Gómez",
          "Jiménez",
          "Ruiz",
          "Hernández",
          "Díaz",
          "Moreno",
          "Muñoz",
          "Álvarez",
          "Romero",
          "Núñez",
          "Peña",
          "Ibáñez",
          "Quispe",
          "Mamani",
          "Castañeda",
          "Echeverría",
          "Zúñiga",
          "Villalobos",
          "Ortega",
          "Castillo",
          "Vásquez",
          "Rojas");

  static final List<String> TRADES =
      List.of(
          "Librería",
          "Ferretería",
          "Farmacia",
          "Distribuciones",
          "Panadería",
          "Óptica",
          "Talleres",
          "Comercial",
          "Bodega",
          "Papelería");

  static final List<String> STREETS =
      List.of(
          "Calle Mayor",
          "Avenida de la Constitución",
          "Calle Alfonso I",
          "Paseo de la Castellana",
          "Jirón de la Unión",
          "Avenida Insurgentes Sur",
          "Calle Real",
          "Plaza de España",
          "Calle San Vicente Mártir",
          "Avenida Larco",
          "Calle de Atocha",
          "Avenida Reforma",
          "Carrera Séptima",
          "Calle Coso",
          "Avenida Arequipa");

  /** A customer's name: a person's, or a shop's with a surname. */
  static String customerName(Random random) {
    if (random.nextBoolean()) {
      return pick(FIRST_NAMES, random)
          + " "
          + pick(SURNAMES, random)
          + " "
          + pick(SURNAMES, random);
    }
    return pick(TRADES, random) + " " + pick(SURNAMES, random);
  }

  /** A street address. */
  static String street(Random random) {
    return pick(STREETS, random) + " " + (1 + random.nextInt(180));
  }

  /** A sender's order reference, such as {@code PED-2026-004213}. */
  static String reference(long n) {
    return String.format(Locale.ROOT, "PED-2026-%07d", n);
  }

  private static <T> T pick(List<T> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }

  /** The kinds of query the benchmark times apart. */
  enum Kind {
    TEXT,
    GEO,
    COMBINED
  }

  /**
   * One query as a caller sends it.
   *
   * @param label what the report calls it
   * @param q the text, or null
   * @param near the circle's centre, {@code lat,lon}, or null
   */
  record Query(Kind kind, String label, @Nullable String q, @Nullable String near) {

    /** The query string of {@code GET /api/v1/shipments/search}, without {@code ?}. */
    String parameters() {
      var parameters = new ArrayList<String>();
      if (q != null) {
        parameters.add("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
      }
      if (near != null) {
        parameters.add("near=" + near + "&radiusKm=" + RADIUS_KM + "&sort=distance");
      }
      return String.join("&", parameters);
    }

    /** The same query as the API reads it, for the engine's own query builder. */
    SearchRequest request() {
      return new SearchRequest(
          q,
          near,
          near == null ? null : (double) RADIUS_KM,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          near == null ? null : "distance",
          LIMIT,
          null);
    }
  }

  /** The radius of the places asked about, in kilometres. */
  static final int RADIUS_KM = 50;

  /** The page size: the API's default. */
  static final int LIMIT = 20;

  /** The queries, each kind from several angles; the report shows each kind pooled. */
  static List<Query> queries() {
    return List.of(
        new Query(Kind.TEXT, "name with accents (Muñoz)", "Muñoz", null),
        new Query(Kind.TEXT, "name without accents (nunez)", "nunez", null),
        new Query(Kind.TEXT, "a typo (Fernandes)", "Fernandes", null),
        new Query(Kind.TEXT, "two names (maria garcia)", "maria garcia", null),
        new Query(Kind.TEXT, "a reference's prefix (PED-2026-00012)", "PED-2026-00012", null),
        new Query(Kind.TEXT, "a city (Zaragoza)", "Zaragoza", null),
        new Query(Kind.GEO, "within 50 km of Madrid", null, MADRID.point()),
        new Query(Kind.GEO, "within 50 km of Zaragoza", null, ZARAGOZA.point()),
        new Query(Kind.GEO, "within 50 km of Lima", null, LIMA.point()),
        new Query(Kind.GEO, "within 50 km of Mexico City", null, MEXICO_CITY.point()),
        new Query(Kind.COMBINED, "López near Madrid", "López", MADRID.point()),
        new Query(Kind.COMBINED, "farmacia near Lima", "farmacia", LIMA.point()),
        new Query(Kind.COMBINED, "Quispe near Mexico City", "Quispe", MEXICO_CITY.point()));
  }

  private SearchCorpus() {}
}
