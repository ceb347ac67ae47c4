package io.hsystem.shared;

import java.util.List;
import java.util.Map;

/**
 * Thrown by façades for an expected failure that the caller must see as a problem response.
 *
 * <p>The message becomes the problem's {@code detail}: it must not contain secrets.
 */
public class ApiException extends RuntimeException {

  private final transient ProblemType type;
  private final transient List<FieldProblem> fieldProblems;
  private final transient Map<String, Object> properties;

  public ApiException(ProblemType type, String detail) {
    this(type, detail, List.of(), Map.of());
  }

  public ApiException(
      ProblemType type,
      String detail,
      List<FieldProblem> fieldProblems,
      Map<String, Object> properties) {
    super(detail, null, false, false);
    this.type = type;
    this.fieldProblems = List.copyOf(fieldProblems);
    this.properties = Map.copyOf(properties);
  }

  /** A 400 naming one bad field. */
  public static ApiException badField(String field, String message) {
    return new ApiException(
        CommonProblem.VALIDATION,
        field + ": " + message,
        List.of(new FieldProblem(field, message)),
        Map.of());
  }

  public ProblemType type() {
    return type;
  }

  public List<FieldProblem> fieldProblems() {
    return fieldProblems;
  }

  /** Extra members of the problem body (e.g. {@code locked_until}). */
  public Map<String, Object> properties() {
    return properties;
  }
}
