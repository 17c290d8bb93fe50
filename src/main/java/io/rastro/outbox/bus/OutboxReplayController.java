package io.rastro.outbox.bus;

import io.rastro.outbox.OutboxRow;
import io.rastro.platform.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events an ingest role has published on the bus, again, as the bus carried them: for a query
 * role that subscribed after they were published (its catch-up, {@link OutboxReplay}).
 */
@Tag(name = "Administration")
@RestController
@ConditionalOnProperty(name = "rastro.events.bus", havingValue = "rabbitmq")
class OutboxReplayController {

  private static final int MAX = 1000;

  private final JdbcClient jdbc;
  private final CloudEventCodec codec;
  private final JsonMapper json;

  OutboxReplayController(JdbcClient jdbc, CloudEventCodec codec, JsonMapper json) {
    this.jdbc = jdbc;
    this.codec = codec;
    this.json = json;
  }

  /**
   * The events after a position, in bus order, each naming the one before it.
   *
   * @param events CloudEvents, exactly as the bus carried them
   */
  record Replay(List<JsonNode> events) {}

  /**
   * Events after {@code after} that the bus has carried, at most {@code limit}; the first names
   * {@code after} as its predecessor, each next one the one before it. Nothing between them is
   * missing: what the bus has carried is settled (no transaction can still add an event before it),
   * and a position the outbox purge has passed answers {@code 410}.
   */
  @Operation(
      operationId = "replayOutbox",
      summary = "The events the bus carried after a position, again",
      description = "For a query role (rastro.role=query) catching up from the ingest role.")
  @ApiResponse(responseCode = "410", description = "The outbox no longer holds those events")
  @GetMapping("/api/v1/admin/outbox")
  Replay replay(@RequestParam String after, @RequestParam(defaultValue = "1000") int limit) {
    Mark from;
    try {
      from = Mark.parse(after);
    } catch (RuntimeException e) {
      throw new InvalidRequestException("after", "is not a position such as 7490-830");
    }
    if (limit < 1 || limit > MAX) {
      throw new InvalidRequestException("limit", "must be between 1 and " + MAX);
    }
    var purged =
        jdbc.sql("select txid::text::bigint, position from outbox_purged")
            .query((rs, n) -> new Mark(rs.getLong(1), rs.getLong(2)))
            .optional();
    if (purged.isPresent() && purged.get().after(from)) {
      var problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.GONE,
              "The outbox no longer holds the events after %s: it was purged up to %s"
                      .formatted(from, purged.get())
                  + " (rastro.outbox.retention); rebuild the read model instead");
      problem.setTitle("Gone");
      throw new ErrorResponseException(HttpStatus.GONE, problem, null);
    }
    var rows =
        jdbc.sql(
                """
                select %s from outbox o
                where (o.txid, o.position) > (?::text::xid8, ?)
                  and (o.txid, o.position) <= (select txid, position from outbox_cursors where name = ?)
                order by o.txid, o.position
                limit ?
                """
                    .formatted(OutboxRow.COLUMNS))
            .params(from.txid(), from.position(), RabbitEventPublisher.CURSOR, limit)
            .query((rs, n) -> OutboxRow.read(rs))
            .list();
    var events = new ArrayList<JsonNode>(rows.size());
    var previous = from;
    for (var row : rows) {
      events.add(json.readTree(codec.write(row, previous)));
      previous = new Mark(row.txid(), row.position());
    }
    return new Replay(events);
  }
}
