package io.rastro.shipmentview.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rastro.platform.InvalidRequestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void readsBackWhatItWrote() {
    var cursor = new Cursor(Instant.parse("2026-11-29T04:40:36.880793Z"), 42);

    assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
  }

  @Test
  void refusesACursorItDidNotWrite() {
    assertThatThrownBy(() -> Cursor.decode("garbage"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("cursor:");
  }
}
