package io.osmigration.platform.lease;

import java.time.Instant;

/**
 * The lease part of a document, stored in its {@code lease} field: who holds it, until when, and the fencing token
 * of the newest claim. A document class that is claimed through {@link Leases} and also saved whole (Spring Data
 * {@code save}) carries a field {@code Lease lease}, so that a save keeps the lease it read.
 *
 * @param holder who made the newest claim (replica and thread), for operators; never used to decide anything
 * @param token  grows by one with every claim of the document: the newest claim's token is the only valid one
 * @param until  when the newest claim expires; null once it was released
 */
public record Lease(String holder, long token, Instant until) {

    /** Whether {@code claim} is the newest claim on this document and has not expired at {@code now}. */
    public boolean isHeldBy(Claim claim, Instant now) {
        return token == claim.token() && until != null && until.isAfter(now);
    }
}
