package io.hsystem.shared.web;

import io.hsystem.shared.ApiException;
import io.hsystem.shared.CommonProblem;
import io.hsystem.shared.FieldProblem;
import io.hsystem.shared.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one translation of exceptions into problem responses. Expected failures carry their {@link
 * ProblemType}; anything unexpected is logged with the request id and answered with a generic 500
 * that reveals nothing.
 */
@RestControllerAdvice
public class ProblemHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> api(ApiException e, HttpServletRequest request) {
    return ProblemResponses.entity(
        e.type(), e.getMessage(), request, e.fieldProblems(), e.properties());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> typeMismatch(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    String expected =
        e.getRequiredType() == null ? "value" : describe(e.getRequiredType().getSimpleName());
    return field(request, e.getName(), "must be " + expected);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Object> missingParameter(
      MissingServletRequestParameterException e, HttpServletRequest request) {
    return field(request, e.getParameterName(), "is required");
  }

  @ExceptionHandler(BindException.class)
  ResponseEntity<Object> bind(BindException e, HttpServletRequest request) {
    List<FieldProblem> errors =
        e.getFieldErrors().stream()
            .map(f -> new FieldProblem(snake(f.getField()), f.getDefaultMessage()))
            .toList();
    return validation(request, errors);
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<Object> methodValidation(
      HandlerMethodValidationException e, HttpServletRequest request) {
    List<FieldProblem> errors =
        e.getParameterValidationResults().stream()
            .flatMap(
                r ->
                    r.getResolvableErrors().stream()
                        .map(
                            err ->
                                new FieldProblem(
                                    snake(r.getMethodParameter().getParameterName()),
                                    err.getDefaultMessage())))
            .toList();
    return validation(request, errors);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    Throwable cause = e.getCause();
    if (cause instanceof RequestSizeLimitFilter.PayloadTooLargeException tooLarge) {
      return problem(CommonProblem.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), request);
    }
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return field(request, path(unknown), "is not a known field");
    }
    if (cause instanceof InvalidFormatException invalid) {
      return field(
          request, path(invalid), "must be " + describe(invalid.getTargetType().getSimpleName()));
    }
    if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
      Class<?> target = mismatched.getTargetType();
      String expected = target == null ? "of another type" : describe(target.getSimpleName());
      return field(request, path(mismatched), "must be " + expected);
    }
    String detail =
        cause instanceof JacksonException ? "the body is not valid JSON" : "the body is missing";
    return problem(CommonProblem.MALFORMED_BODY, detail, request);
  }

  @ExceptionHandler(RequestSizeLimitFilter.PayloadTooLargeException.class)
  ResponseEntity<Object> tooLarge(Exception e, HttpServletRequest request) {
    return problem(CommonProblem.PAYLOAD_TOO_LARGE, e.getMessage(), request);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<Object> uploadTooLarge(Exception e, HttpServletRequest request) {
    return problem(CommonProblem.PAYLOAD_TOO_LARGE, "the upload is too large", request);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e, HttpServletRequest r) {
    return problem(CommonProblem.METHOD_NOT_ALLOWED, e.getMethod() + " is not supported here", r);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Object> mediaType(Exception e, HttpServletRequest request) {
    return problem(CommonProblem.UNSUPPORTED_MEDIA_TYPE, "send application/json", request);
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<Object> notAcceptable(Exception e, HttpServletRequest request) {
    return problem(CommonProblem.NOT_ACCEPTABLE, "this API answers application/json", request);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Object> noResource(Exception e, HttpServletRequest request) {
    return problem(CommonProblem.NOT_FOUND, "no such endpoint", request);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<Object> denied(AccessDeniedException e, HttpServletRequest request) {
    return problem(CommonProblem.FORBIDDEN, "your role does not allow this action", request);
  }

  @ExceptionHandler(AuthenticationException.class)
  ResponseEntity<Object> unauthenticated(AuthenticationException e, HttpServletRequest request) {
    return problem(CommonProblem.UNAUTHENTICATED, "sign in first", request);
  }

  @ExceptionHandler(DuplicateKeyException.class)
  ResponseEntity<Object> duplicate(DuplicateKeyException e, HttpServletRequest request) {
    log.info("duplicate key not caught by its module: {}", e.getMostSpecificCause().getMessage());
    return problem(CommonProblem.CONFLICT, "the resource already exists", request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
    log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
    return problem(
        CommonProblem.INTERNAL,
        "an unexpected error occurred; quote the request id to the administrator",
        request);
  }

  private static ResponseEntity<Object> problem(
      ProblemType type, String detail, HttpServletRequest request) {
    return ProblemResponses.entity(type, detail, request, List.of(), Map.of());
  }

  private static ResponseEntity<Object> field(
      HttpServletRequest request, String field, String message) {
    return validation(request, List.of(new FieldProblem(field, message)));
  }

  private static ResponseEntity<Object> validation(
      HttpServletRequest request, List<FieldProblem> errors) {
    String detail =
        errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
    return ProblemResponses.entity(CommonProblem.VALIDATION, detail, request, errors, Map.of());
  }

  private static String path(JacksonException e) {
    StringBuilder sb = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? "body" : sb.toString();
  }

  private static String describe(String javaType) {
    return switch (javaType) {
      case "Long", "long", "Integer", "int", "Short", "short" -> "an integer";
      case "Double", "double", "Float", "float", "BigDecimal" -> "a number";
      case "Boolean", "boolean" -> "true or false";
      case "String" -> "a string";
      case "List", "Set", "Collection", "ArrayList", "HashSet", "LinkedHashSet" -> "an array";
      default -> "a valid " + snake(javaType);
    };
  }

  /** Java field names to the API's snake case ({@code assetId} → {@code asset_id}). */
  static String snake(String name) {
    if (name == null) {
      return "body";
    }
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
