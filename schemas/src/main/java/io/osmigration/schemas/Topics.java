package io.osmigration.schemas;

import java.util.List;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import io.osmigration.events.BatchAccepted;
import io.osmigration.events.BatchCancelled;
import io.osmigration.events.BatchFinished;
import io.osmigration.events.BatchPaused;
import io.osmigration.events.BatchResumed;
import io.osmigration.events.DisksRolledBack;
import io.osmigration.events.DrillCompleted;
import io.osmigration.events.MigrationCompleted;
import io.osmigration.events.MigrationControlRequested;
import io.osmigration.events.JobReleased;
import io.osmigration.events.MigrationFailed;
import io.osmigration.events.MigrationRequestAccepted;
import io.osmigration.events.MigrationRequestRejected;
import io.osmigration.events.MigrationRequested;
import io.osmigration.events.MigrationStepDone;
import io.osmigration.events.PrecheckFailed;
import io.osmigration.events.PrecheckPassed;
import io.osmigration.events.SnapshotCreationFailed;
import io.osmigration.events.SnapshotReleased;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.events.SourceImported;
import io.osmigration.events.SourceStatusChanged;

/** The topic catalog: the one place topic names live. Immutable. */
public final class Topics {

    private static final String SOURCE_KEY = "source id (UTF-8)";
    private static final String REQUEST_KEY = "request id (UTF-8), the MigrationRequested's requestId";
    private static final String MIGRATIONS_KEY = "source id (UTF-8); batch events (Batch*) are keyed by the batch id";

    public static final Topic SOURCES = new Topic("osm.sources", SOURCE_KEY,
            List.of(SourceImported.class, SourceStatusChanged.class));

    public static final Topic MIGRATION_REQUESTS = new Topic("osm.migration.requests", SOURCE_KEY,
            List.of(MigrationRequested.class, MigrationControlRequested.class, JobReleased.class));

    /** The executor's one reply to each MigrationRequested another system sent. */
    public static final Topic MIGRATION_REPLIES = new Topic("osm.migration.replies", REQUEST_KEY,
            List.of(MigrationRequestAccepted.class, MigrationRequestRejected.class));

    public static final Topic PRECHECKS = new Topic("osm.prechecks", SOURCE_KEY,
            List.of(PrecheckPassed.class, PrecheckFailed.class));

    public static final Topic SNAPSHOTS = new Topic("osm.snapshots", SOURCE_KEY,
            List.of(SnapshotsCreated.class, SnapshotCreationFailed.class, SnapshotReleased.class, DisksRolledBack.class));

    public static final Topic MIGRATIONS = new Topic("osm.migrations", MIGRATIONS_KEY,
            List.of(DrillCompleted.class, MigrationStepDone.class, MigrationCompleted.class, MigrationFailed.class,
                    BatchAccepted.class, BatchPaused.class, BatchResumed.class, BatchCancelled.class,
                    BatchFinished.class));

    private static final List<Topic> ALL = List.of(SOURCES, MIGRATION_REQUESTS, MIGRATION_REPLIES, PRECHECKS,
            SNAPSHOTS, MIGRATIONS);

    private Topics() {
    }

    public static List<Topic> all() {
        return ALL;
    }

    public static Optional<Topic> byName(String name) {
        return ALL.stream().filter(topic -> topic.name().equals(name)).findFirst();
    }

    /** The topic an event type is published to; every event type has exactly one. */
    public static Topic of(Class<? extends SpecificRecord> eventType) {
        return ALL.stream().filter(topic -> topic.carries(eventType)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No topic carries " + eventType.getName()));
    }

    /** Every event type of the catalog, in catalog order. */
    public static List<Class<? extends SpecificRecord>> eventTypes() {
        return ALL.stream().flatMap(topic -> topic.eventTypes().stream()).toList();
    }
}
