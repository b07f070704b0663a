package io.osmigration.platform.security;

import java.time.Instant;

/**
 * A token issued through {@code /api/v1/tokens}, as stored: everything but the token, which exists only in the answer
 * that issued it (the store keeps its SHA-256).
 */
public record IssuedToken(String id, String name, Role role, String description, Instant createdAt, String createdBy,
                          Instant expiresAt, Instant revokedAt, String revokedBy) {

    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    /** ACTIVE, EXPIRED or REVOKED. */
    public String stateAt(Instant now) {
        return revokedAt != null ? "REVOKED" : now.isBefore(expiresAt) ? "ACTIVE" : "EXPIRED";
    }

    Principal principal() {
        return new Principal(name, role, id, expiresAt);
    }
}
