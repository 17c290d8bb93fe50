package io.rastro.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.analytics.queries.ReportQueries;
import io.rastro.bench.AnalyticsBaseline;
import io.rastro.bench.Answers;
import io.rastro.support.IntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The benchmark's baseline ({@code bench/run analytics}) asks PostgreSQL's write model each
 * report's question in SQL of its own: on the contract's data set, worked out by hand, it answers
 * every report as the API does, so that the benchmark compares the same question.
 */
@DirtiesContext
@TestPropertySource(properties = "rastro.analytics.engine=duckdb")
class AnalyticsBaselineIT extends IntegrationTest {

  @Autowired DataSource dataSource;

  @Test
  void thePostgresBaselineAnswersEveryReportAsTheApiDoes() throws Exception {
    new AnalyticsDataSet(api, fixtures);
    fixtures.awaitWritten();
    assertThat(api.get("/api/v1/admin/analytics/check").body().path("caughtUp").asBoolean())
        .isTrue();
    var today = LocalDate.now(ZoneOffset.UTC);
    var from = today.minusDays(365);
    try (var connection = dataSource.getConnection()) {
      for (var report : ReportQueries.ALL) {
        var answer = api.get(report.uri(from.toString(), today.toString()));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        var rows = Answers.of(answer.body().path("rows"));
        var baseline =
            AnalyticsBaseline.ask(
                connection,
                report,
                from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                today.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofDays(1)));

        assertThat(rows).as(report.title()).isNotEmpty();
        assertThat(Answers.difference(rows, baseline)).as(report.title()).isEmpty();
      }
    }
  }
}
