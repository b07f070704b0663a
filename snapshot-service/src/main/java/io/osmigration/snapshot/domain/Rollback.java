package io.osmigration.snapshot.domain;

import java.time.Instant;

/**
 * Progress of a rollback.
 *
 * @param causationId eventId of the MigrationFailed that asked for it
 * @param restoredOs  the OS the instance reports once it runs again from the snapshots
 */
public record Rollback(RollbackStep step, String causationId, Instant requestedAt, String restoredOs) {

    public Rollback next(RollbackStep nextStep) {
        return new Rollback(nextStep, causationId, requestedAt, restoredOs);
    }

    public Rollback done(String os) {
        return new Rollback(RollbackStep.DONE, causationId, requestedAt, os);
    }
}
