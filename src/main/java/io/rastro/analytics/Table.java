package io.rastro.analytics;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A query's answer: its column names and its rows, values as {@link Long}, {@link Double} or {@link
 * String}, or null.
 */
public record Table(List<String> columns, List<List<@Nullable Object>> rows) {}
