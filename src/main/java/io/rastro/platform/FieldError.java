package io.rastro.platform;

/**
 * One problem with one field of a request, as shown in the {@code errors} member of a problem.
 *
 * @param field the JSON path of the field, for example {@code origin.country} or {@code [3].status}
 * @param detail what is wrong with it, for a person to read
 */
public record FieldError(String field, String detail) {}
