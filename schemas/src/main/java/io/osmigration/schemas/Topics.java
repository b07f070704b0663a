package io.osmigration.schemas;

import java.util.List;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import io.osmigration.events.AuditRecorded;
import io.osmigration.events.DisksRolledBack;
import io.osmigration.events.DrillCompleted;
import io.osmigration.events.MigrationCompleted;
import io.osmigration.events.MigrationControlRequested;
import io.osmigration.events.MigrationFailed;
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

    public static final Topic SOURCES = new Topic("osm.sources", SOURCE_KEY,
            List.of(SourceImported.class, SourceStatusChanged.class));

    public static final Topic MIGRATION_REQUESTS = new Topic("osm.migration.requests", SOURCE_KEY,
            List.of(MigrationRequested.class, MigrationControlRequested.class));

    public static final Topic PRECHECKS = new Topic("osm.prechecks", SOURCE_KEY,
            List.of(PrecheckPassed.class, PrecheckFailed.class));

    public static final Topic SNAPSHOTS = new Topic("osm.snapshots", SOURCE_KEY,
            List.of(SnapshotsCreated.class, SnapshotCreationFailed.class, SnapshotReleased.class, DisksRolledBack.class));

    public static final Topic MIGRATIONS = new Topic("osm.migrations", SOURCE_KEY,
            List.of(DrillCompleted.class, MigrationStepDone.class, MigrationCompleted.class, MigrationFailed.class));

    /** The audit trail: who changed what through the API. Keyed by the record's main resource id, else the actor. */
    public static final Topic AUDIT = new Topic("osm.audit", "resource id of the audited request, else the actor (UTF-8)",
            List.of(AuditRecorded.class));

    private static final List<Topic> ALL = List.of(SOURCES, MIGRATION_REQUESTS, PRECHECKS, SNAPSHOTS, MIGRATIONS, AUDIT);

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
