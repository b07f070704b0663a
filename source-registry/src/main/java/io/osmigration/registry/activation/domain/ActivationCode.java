package io.osmigration.registry.activation.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * An activation code as stored: only the SHA-256 of the code itself is kept, never the code.
 *
 * @param quota how many servers it may activate (1..1000)
 * @param used  how many it has activated
 */
public record ActivationCode(String id, String codeHash, int quota, int used, Instant createdAt, Instant expiresAt,
                             boolean revoked, String description) {

    public static final int MIN_QUOTA = 1;
    public static final int MAX_QUOTA = 1000;
    public static final int DEFAULT_QUOTA = 200;
    public static final int MIN_VALIDITY_DAYS = 1;
    public static final int MAX_VALIDITY_DAYS = 90;
    public static final int DEFAULT_VALIDITY_DAYS = 90;

    /** Why it cannot activate one more server now; revocation wins over expiry over exhaustion. */
    public Optional<Refusal> refusalAt(Instant now) {
        if (revoked) {
            return Optional.of(Refusal.REVOKED);
        }
        if (!now.isBefore(expiresAt)) {
            return Optional.of(Refusal.EXPIRED);
        }
        if (used >= quota) {
            return Optional.of(Refusal.EXHAUSTED);
        }
        return Optional.empty();
    }

    /** Whether servers it activated may still report in: anything but revocation keeps heartbeats working. */
    public boolean authorisesHeartbeats() {
        return !revoked;
    }

    /** ACTIVE, REVOKED, EXPIRED or EXHAUSTED, for listings. */
    public String stateAt(Instant now) {
        return refusalAt(now).map(Enum::name).orElse("ACTIVE");
    }
}
