package io.osmigration.cli.api;

import java.util.List;

/**
 * A call that did not succeed, with a message fit for one line of a terminal: the service, the status and title,
 * the problem's detail and each offending field ({@code migration-executor: 400 Invalid request: acknowledgeRisks:
 * must be true}), or why the service could not be reached.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final List<FieldError> errors;

    public ApiError(int status, String message, List<FieldError> errors) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One offending field of a refused request. */
    public record FieldError(String field, String message) {
    }
}
