package io.hsystem.shared;

/** One invalid input field, as listed in a validation problem's {@code errors}. */
public record FieldProblem(String field, String message) {}
