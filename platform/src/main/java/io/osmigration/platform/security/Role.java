package io.osmigration.platform.security;

import java.util.Locale;

/**
 * What a token may do. Each role includes the ones before it: an operator may do everything a viewer may, an admin
 * everything an operator may.
 */
public enum Role {
    /** Read everything: lists, details, the dashboard and its live streams. */
    VIEWER,
    /** Run migrations: import sources, pre-check, start, pause, resume and cancel batches and jobs, approve drills. */
    OPERATOR,
    /** Manage the system: activation codes, notification channels, snapshot release, tokens, the audit trail. */
    ADMIN;

    /** Whether a token with this role may call an endpoint that needs {@code required}. */
    public boolean covers(Role required) {
        return compareTo(required) >= 0;
    }

    /** The name used in configuration, APIs and messages: {@code viewer}, {@code operator}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code viewer|operator|admin} in any case. */
    public static Role parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("role must be one of viewer, operator, admin");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role must be one of viewer, operator, admin, was '" + value + "'");
        }
    }
}
