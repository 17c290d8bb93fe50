package io.rastro.shipmentview.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.support.IntegrationTest;
import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The outbox relay skips nothing when transactions commit out of order: a long transaction that
 * took its outbox position first and commits last still gets relayed, and nothing after it is
 * relayed before it.
 */
class OutboxRelayIT extends IntegrationTest {

  @Autowired DataSource dataSource;

  private long insert(Connection connection) throws Exception {
    try (var statement =
            connection.prepareStatement(
                "insert into outbox (type, subject, data) values ('RelayTest', 'x', '{}')"
                    + " returning position");
        var rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private boolean relayedPast(long position) {
    return jdbc.sql(
            """
            select (c.txid, c.position) >= (o.txid, o.position)
            from outbox_cursors c, outbox o
            where c.name = 'shipment-projection' and o.position = ?
            """)
        .param(position)
        .query(Boolean.class)
        .single();
  }

  @Test
  void aLateCommitIsNeitherSkippedNorOvertaken() throws Exception {
    try (var longTransaction = dataSource.getConnection();
        var shortTransaction = dataSource.getConnection()) {
      longTransaction.setAutoCommit(false);
      var early = insert(longTransaction);
      var late = insert(shortTransaction); // autocommit: commits at once, after "early" took its id

      await()
          .during(Duration.ofMillis(300))
          .atMost(Duration.ofSeconds(2))
          .until(() -> !relayedPast(late));

      longTransaction.commit();

      await().atMost(Duration.ofSeconds(10)).until(() -> relayedPast(early) && relayedPast(late));
      assertThat(early).isLessThan(late);
    }
  }
}
