package io.osmigration.executor.domain;

/** One reason a batch request is refused, naming the offending field (e.g. {@code targets[2].sourceId}). */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
