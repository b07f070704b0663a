package io.osmigration.notification.domain;

/**
 * Which per-job events a channel hears about one by one. With {@link #FAILURES_ONLY} successes reach it only through
 * the batch digest, so a fleet of thousands does not mean thousands of messages.
 */
public enum PerJobMessages {
    ALL,
    FAILURES_ONLY,
    NONE
}
