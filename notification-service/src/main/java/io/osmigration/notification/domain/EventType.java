package io.osmigration.notification.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a channel can subscribe to: the catalog events worth telling people about, named after them. Per job:
 * PrecheckFailed … SnapshotReleased. Per batch, from the executor's batch events: {@code BatchFinished} (the digest,
 * once every job of the batch ended, completed or cancelled), {@code BatchPaused} (who or which threshold paused it,
 * why, and where it stands) and {@code BatchResumed}. And the reminder this service composes itself:
 * {@code SnapshotReminder}. The names are what the API accepts; {@code BatchDigest}, the old name of the finished
 * digest, is still accepted for it.
 */
public enum EventType {
    PRECHECK_FAILED("PrecheckFailed", true),
    DRILL_COMPLETED("DrillCompleted", false),
    MIGRATION_COMPLETED("MigrationCompleted", false),
    MIGRATION_FAILED("MigrationFailed", true),
    DISKS_ROLLED_BACK("DisksRolledBack", true),
    SNAPSHOT_CREATION_FAILED("SnapshotCreationFailed", true),
    SNAPSHOT_RELEASED("SnapshotReleased", false),
    BATCH_FINISHED("BatchFinished", false),
    BATCH_PAUSED("BatchPaused", true),
    BATCH_RESUMED("BatchResumed", false),
    SNAPSHOT_REMINDER("SnapshotReminder", false);

    /** The name channels subscribed with before batch events existed, for the digest of a finished batch. */
    private static final String LEGACY_DIGEST_NAME = "BatchDigest";
    private static final String LEGACY_DIGEST_CONSTANT = "BATCH_DIGEST";

    private final String eventName;
    private final boolean failure;

    EventType(String eventName, boolean failure) {
        this.eventName = eventName;
        this.failure = failure;
    }

    public String eventName() {
        return eventName;
    }

    /** Whether every event of this type reports something that needs a person (a drill decides per event). */
    public boolean failure() {
        return failure;
    }

    /** By the name the API uses (or the legacy digest name). */
    public static Optional<EventType> byName(String name) {
        if (LEGACY_DIGEST_NAME.equals(name)) {
            return Optional.of(BATCH_FINISHED);
        }
        return Arrays.stream(values()).filter(type -> type.eventName.equals(name)).findFirst();
    }

    /** By the constant a channel was stored with, including the one an older version stored for the digest. */
    public static Optional<EventType> byStoredName(String constant) {
        if (LEGACY_DIGEST_CONSTANT.equals(constant)) {
            return Optional.of(BATCH_FINISHED);
        }
        return Arrays.stream(values()).filter(type -> type.name().equals(constant)).findFirst();
    }

    public static String knownNames() {
        return String.join(", ", Arrays.stream(values()).map(EventType::eventName).toList());
    }
}
