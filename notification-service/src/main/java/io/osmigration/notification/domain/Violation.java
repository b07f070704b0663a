package io.osmigration.notification.domain;

/** One offending field of a request, with a message a person can act on. */
public record Violation(String field, String message) {
}
