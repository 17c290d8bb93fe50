package io.rastro.feed;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.MediaType;

/**
 * The feed answers a page as JSON or a stream of Server-Sent Events, by the {@code Accept} header:
 * one operation in the OpenAPI document, with both bodies (on both handler methods, as springdoc
 * keeps the answers of one of them).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(
    responseCode = "200",
    description = "The events after the position asked for",
    content = {
      @Content(
          mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @Schema(implementation = FeedPage.class)),
      @Content(
          mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
          schema =
              @Schema(
                  type = "string",
                  description = "id: position, event: type, data: a CloudEvent"))
    })
@interface FeedAnswers {}
