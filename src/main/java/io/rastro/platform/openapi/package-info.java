/**
 * The OpenAPI document tells the truth: every status an operation answers, errors as problem
 * details, nullable record components as nullable. Feature modules add what only they know with
 * springdoc's own annotations ({@code @ApiResponse}, {@code @ResponseStatus}).
 */
@NullMarked
package io.rastro.platform.openapi;

import org.jspecify.annotations.NullMarked;
