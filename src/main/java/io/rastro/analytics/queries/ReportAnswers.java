package io.rastro.analytics.queries;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a report answers, by its {@code format}: {@code {rows, asOf, includesArchive}} as JSON (with
 * {@code shipments} where the report counts them), CSV, or Parquet.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(
    responseCode = "200",
    description = "The report's rows",
    content = {
      @Content(
          mediaType = "application/json",
          schemaProperties = {
            @SchemaProperty(
                name = "rows",
                schema = @Schema(type = "array", description = "One object a row")),
            @SchemaProperty(
                name = "shipments",
                schema = @Schema(type = "integer", format = "int64")),
            @SchemaProperty(
                name = "asOf",
                schema =
                    @Schema(
                        types = {"string", "null"},
                        format = "date-time",
                        description = "The write time of the newest event the engine has loaded")),
            @SchemaProperty(name = "includesArchive", schema = @Schema(type = "boolean"))
          }),
      @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
      @Content(
          mediaType = "application/vnd.apache.parquet",
          schema = @Schema(type = "string", format = "binary"))
    })
@interface ReportAnswers {}
