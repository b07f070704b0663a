package io.osmigration.notification.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a channel can subscribe to: the catalog events worth telling people about, plus the two messages this service
 * composes itself (the batch digest and the snapshot reminder). The names are what the API accepts.
 */
public enum EventType {
    PRECHECK_FAILED("PrecheckFailed", true),
    DRILL_COMPLETED("DrillCompleted", false),
    MIGRATION_COMPLETED("MigrationCompleted", false),
    MIGRATION_FAILED("MigrationFailed", true),
    DISKS_ROLLED_BACK("DisksRolledBack", true),
    SNAPSHOT_CREATION_FAILED("SnapshotCreationFailed", true),
    SNAPSHOT_RELEASED("SnapshotReleased", false),
    BATCH_DIGEST("BatchDigest", false),
    SNAPSHOT_REMINDER("SnapshotReminder", false);

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

    public static Optional<EventType> byName(String name) {
        return Arrays.stream(values()).filter(type -> type.eventName.equals(name)).findFirst();
    }

    public static String knownNames() {
        return String.join(", ", Arrays.stream(values()).map(EventType::eventName).toList());
    }
}
