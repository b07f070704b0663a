package io.osmigration.snapshot.domain;

import java.time.Instant;

/**
 * A release that is due at a stored time, so it survives a restart of the service.
 *
 * @param causationId eventId of the event that asked for it (null for an operator)
 */
public record Release(ReleaseReason reason, Instant dueAt, String causationId) {
}
