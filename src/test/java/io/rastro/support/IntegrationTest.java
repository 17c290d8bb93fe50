package io.rastro.support;

import io.rastro.RastroApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test of Rastro as it runs: the whole application on a random port with a real PostgreSQL,
 * driven over HTTP. Scheduled refreshes are off so that a test decides when the read model moves.
 */
@SpringBootTest(
    classes = RastroApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "rastro.read-model.refresh-interval=0",
      "spring.datasource.hikari.maximum-pool-size=8",
      "rastro.security.bootstrap-admin-key=" + Api.ADMIN_KEY,
      // Every test calls from 127.0.0.1: RateLimitIT tests the public limit on its own.
      "rastro.security.rate-limit.public-per-minute=60000",
      "rastro.security.rate-limit.public-burst=10000"
    })
@ContextConfiguration(initializers = TestDatabase.class)
public abstract class IntegrationTest {

  @LocalServerPort protected int port;

  /** The database, to check that a refused request changed nothing. */
  @Autowired protected JdbcClient jdbc;

  protected Api api;
  protected Fixtures fixtures;

  @BeforeAll
  static void requireDatabase() {
    TestDatabase.assumeAvailable();
  }

  @BeforeEach
  void connect() {
    api = new Api(port);
    fixtures = new Fixtures(api);
  }

  protected long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}
