package io.rastro.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.Fixtures;
import io.rastro.support.IntegrationTest;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

class OperationsIT extends IntegrationTest {

  @Test
  void healthIsUpWithTheDatabase() {
    var health = api.get("/actuator/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text("status")).isEqualTo("UP");
    assertThat(health.body().path("components").path("db").path("status").asString())
        .isEqualTo("UP");
  }

  @Test
  void prometheusShowsTheReadModelRefreshAndAge() {
    fixtures.refresh();

    var metrics = api.get("/actuator/prometheus");

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.raw())
        .contains("rastro_read_model_refresh_seconds_count")
        .contains("rastro_read_model_age_seconds");
  }

  /** Every metric the Grafana dashboard in docs/grafana charts is one Rastro exposes. */
  @Test
  void theGrafanaDashboardChartsOnlyMetricsRastroExposes() throws Exception {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    fixtures.record(trackingNumber, Fixtures.event("g-1", "PICKED_UP", "2026-11-27T09:00:00Z"));
    fixtures.refresh();
    api.get("/api/v1/shipments/" + trackingNumber);
    api.get("/api/v1/shipments");
    var exposed = api.get("/actuator/prometheus").raw();
    var dashboard =
        JsonMapper.builder()
            .build()
            .readTree(Path.of("docs/grafana/rastro-dashboard.json").toFile());
    var metrics = new TreeSet<String>();
    dashboard
        .path("panels")
        .forEach(
            panel ->
                panel
                    .path("targets")
                    .forEach(
                        target -> {
                          var matcher = METRIC.matcher(target.path("expr").asString());
                          while (matcher.find()) {
                            metrics.add(matcher.group(1));
                          }
                        }));

    assertThat(metrics).hasSizeGreaterThan(8);
    assertThat(metrics).allSatisfy(metric -> assertThat(exposed).contains(metric));
  }

  private static final Pattern METRIC =
      Pattern.compile("\\b((?:rastro|http_server|hikaricp)_[a-z_]+)");

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void publishesAnOpenApiDocumentOfEveryEndpoint() {
    var document = api.get("/v3/api-docs");

    assertThat(document.status()).isEqualTo(200);
    var documented = new TreeSet<String>();
    document
        .body()
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .propertyNames()
                    .forEach(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
    assertThat(endpoints()).hasSizeGreaterThanOrEqualTo(17);
    assertThat(documented).containsAll(endpoints());
    assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
  }

  /** Every endpoint of Rastro's API the running application maps, as "METHOD /path". */
  private TreeSet<String> endpoints() {
    var endpoints = new TreeSet<String>();
    mappings
        .getHandlerMethods()
        .forEach(
            (mapping, handler) -> {
              if (!handler.getBeanType().getPackageName().startsWith("io.rastro")) {
                return;
              }
              for (var path : mapping.getPatternValues()) {
                if (path.startsWith("/api/")) {
                  mapping
                      .getMethodsCondition()
                      .getMethods()
                      .forEach(m -> endpoints.add(m + " " + path));
                }
              }
            });
    return endpoints;
  }
}
