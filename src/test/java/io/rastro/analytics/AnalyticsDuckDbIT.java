package io.rastro.analytics;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** The contract on the embedded engine, in a file of this application context's own. */
@DirtiesContext
@TestPropertySource(properties = "rastro.analytics.engine=duckdb")
class AnalyticsDuckDbIT extends AnalyticsContract {

  @Override
  boolean writesParquet() {
    return true;
  }

  @Override
  String engine() {
    return "duckdb";
  }
}
