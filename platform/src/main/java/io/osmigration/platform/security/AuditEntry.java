package io.osmigration.platform.security;

import java.time.Instant;
import java.util.List;

/**
 * One record of the audit trail: who (token name and role) asked for what, on which resources, when, from where, and
 * how it ended. Holds no request body, no query string and no token.
 *
 * @param outcome SUCCEEDED, FAILED, DENIED, PENDING (still running) or UNKNOWN (the service stopped first)
 * @param status  HTTP status of the answer, 0 while unknown
 */
public record AuditEntry(String id, Instant at, String actor, String tokenId, String role, String action, String method,
                         String path, String resource, List<String> resourceIds, String outcome, int status,
                         String clientAddress, String requestId, String service, Instant finishedAt) {

    public static final String PENDING = "PENDING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String DENIED = "DENIED";
    public static final String UNKNOWN = "UNKNOWN";

    public AuditEntry {
        resourceIds = resourceIds == null ? List.of() : List.copyOf(resourceIds);
    }
}
