package io.rastro.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class DurabilityTest {

  @Test
  void readsRedisPersistenceFromItsConfigGetReply() throws Exception {
    var reply =
        "*6\r\n$10\r\nappendonly\r\n$2\r\nno\r\n$11\r\nappendfsync\r\n$8\r\neverysec\r\n"
            + "$14\r\nappenddirname\r\n$18\r\nappendonlydir\r\n";

    var config = Durability.configReply(new StringReader(reply));

    assertThat(config).containsEntry("appendonly", "no").containsEntry("appendfsync", "everysec");
    assertThat(Durability.command("CONFIG", "GET", "append*"))
        .isEqualTo("*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$7\r\nappend*\r\n");
  }
}
