package io.rastro.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The search contract on the default engine, PostgreSQL. */
class PostgresSearchIT extends SearchContract {

  @Override
  String engine() {
    return "postgres";
  }

  @Test
  void thereIsNoIndexToRebuild() {
    var answer = api.post("/api/v1/admin/search/reindex", "");
    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.raw()).contains("postgres");
  }
}
