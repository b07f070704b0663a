package io.osmigration.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * An API error with a status the caller can act on; rendered as RFC 9457 problem+json by {@link ProblemDetailsAdvice}.
 *
 * @see FieldError for validation problems that name a field
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldError> errors;

    public ApiException(HttpStatus status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public ApiException(HttpStatus status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static ApiException badRequest(String detail, List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors);
    }

    public static ApiException invalidField(String field, String message) {
        return badRequest(field + ": " + message, List.of(new FieldError(field, message)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " does not exist");
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One offending field of a request, as listed in a problem's {@code errors} array. */
    public record FieldError(String field, String message) {
    }
}
