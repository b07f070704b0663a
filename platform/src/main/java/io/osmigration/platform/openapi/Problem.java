package io.osmigration.platform.openapi;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The documented shape of every error body (RFC 9457), as {@code ProblemDetailsAdvice} writes it. */
@Schema(name = "Problem", description = "An error, as application/problem+json (RFC 9457)")
record Problem(
        @Schema(description = "A URI naming the kind of problem", example = "about:blank") String type,
        @Schema(description = "A short summary", example = "Invalid request") String title,
        @Schema(description = "The HTTP status", example = "400") int status,
        @Schema(description = "What went wrong, for a person", example = "acknowledgeRisks: must be true") String detail,
        @Schema(description = "The request path", example = "/api/v1/migrations") String instance,
        @Schema(description = "For validation failures: each offending field") List<FieldError> errors) {

    @Schema(name = "FieldError", description = "One offending field of a request")
    record FieldError(@Schema(example = "targets[2].sourceId") String field,
                      @Schema(example = "unknown source s-0123456789abcdef0123") String message) {
    }
}
