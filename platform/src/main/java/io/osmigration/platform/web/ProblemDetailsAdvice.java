package io.osmigration.platform.web;

import java.net.URI;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Every API error as {@code application/problem+json} (RFC 9457) with {@code title}, {@code status},
 * {@code detail}, and for validation failures an {@code errors} array naming each offending field.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 100)
public class ProblemDetailsAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, ServerWebExchange exchange) {
        return problem(e.status(), e.title(), e.getMessage(), e.errors(), exchange);
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> validation(WebExchangeBindException e, ServerWebExchange exchange) {
        List<ApiException.FieldError> errors = e.getFieldErrors().stream()
                .map(error -> new ApiException.FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        String detail = errors.stream().map(error -> error.field() + ": " + error.message())
                .reduce((a, b) -> a + "; " + b).orElse("The request is invalid");
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors, exchange);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e, ServerWebExchange exchange) {
        String detail = e.getReason() != null ? e.getReason() : "The request body could not be read";
        Throwable cause = e.getMostSpecificCause();
        if (cause != e && cause.getMessage() != null) {
            detail = detail + ": " + firstLine(cause.getMessage());
        }
        return problem(HttpStatus.BAD_REQUEST, "Malformed request", detail, List.of(), exchange);
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(ResponseStatusException e, ServerWebExchange exchange) {
        HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
        return problem(status, status.getReasonPhrase(), e.getReason() != null ? e.getReason() : status.getReasonPhrase(),
                List.of(), exchange);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The server failed to handle the request; see its log", List.of(), exchange);
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
                                                 List<ApiException.FieldError> errors, ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
