package io.rastro.search.admin;

import io.rastro.platform.ConflictException;
import io.rastro.search.Reindexing;
import io.rastro.search.SearchEngine;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The administration of search: {@code /api/v1/admin/search/...}. */
@Tag(name = "Administration")
@RestController
class SearchAdminController {

  private final SearchCheck check;
  private final SearchEngine engine;
  private final Optional<Reindexing> reindexing;

  SearchAdminController(SearchCheck check, SearchEngine engine, Optional<Reindexing> reindexing) {
    this.check = check;
    this.engine = engine;
    this.reindexing = reindexing;
  }

  /** What the engine answers against the read model. */
  @Operation(
      operationId = "checkSearchIndex",
      summary = "Compares the search index with the read model")
  @GetMapping("/api/v1/admin/search/check")
  SearchCheck.Report check() {
    return check.run();
  }

  /** Rebuilds the engine's index from the search documents and swaps it in. */
  @Operation(operationId = "reindexSearch", summary = "Rebuilds the search index")
  @PostMapping("/api/v1/admin/search/reindex")
  @ResponseStatus(HttpStatus.OK)
  @ApiResponse(responseCode = "409", description = "The engine in use has no index to rebuild")
  Reindexing.Reindexed reindex() {
    return reindexing
        .orElseThrow(
            () ->
                new ConflictException(
                    "The %s engine searches the search documents themselves: it has no index of its own to rebuild"
                        .formatted(engine.name())))
        .reindex();
  }
}
