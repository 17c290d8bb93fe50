package io.rastro.ingest.internal;

import io.rastro.ingest.IngestCommand;
import io.rastro.ingest.IngestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The handlers the modules registered, by command type. */
@Component
class IngestHandlers {

  private final Map<String, IngestHandler> byType;

  IngestHandlers(List<IngestHandler> handlers) {
    this.byType =
        handlers.stream().collect(Collectors.toMap(IngestHandler::type, Function.identity()));
  }

  /**
   * Hands each run of same-typed commands, in queue order, to its handler. The caller holds the
   * transaction.
   *
   * @throws UnknownCommandTypeException for a command no handler takes
   */
  void apply(List<IngestCommand> commands) {
    var run = new ArrayList<IngestCommand>();
    for (var command : commands) {
      if (!run.isEmpty() && !run.getFirst().type().equals(command.type())) {
        handlerOf(run.getFirst().type()).handle(run);
        run = new ArrayList<>();
      }
      run.add(command);
    }
    if (!run.isEmpty()) {
      handlerOf(run.getFirst().type()).handle(run);
    }
  }

  private IngestHandler handlerOf(String type) {
    var handler = byType.get(type);
    if (handler == null) {
      throw new UnknownCommandTypeException(type);
    }
    return handler;
  }

  /** A command of a type this version of Rastro does not write. */
  static class UnknownCommandTypeException extends RuntimeException {
    UnknownCommandTypeException(String type) {
      super("No handler for commands of type " + type);
    }
  }
}
