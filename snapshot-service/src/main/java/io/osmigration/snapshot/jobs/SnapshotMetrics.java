package io.osmigration.snapshot.jobs;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.osmigration.platform.metrics.CachedReading;
import io.osmigration.snapshot.domain.DiskSnapshot;
import io.osmigration.snapshot.domain.JobSnapshots;
import io.osmigration.snapshot.domain.SnapshotStatus;

/**
 * Backup snapshots in numbers.
 * <ul>
 * <li>{@code osm_snapshot_creations_total} / {@code osm_snapshot_creations_size_bytes_total}: snapshots that became
 * available on this replica, and their disks' size; {@code osm_snapshot_releases_total} /
 * {@code osm_snapshot_releases_size_bytes_total}: those
 * it deleted (after the retention, by an operator, as orphans or after a failed creation).</li>
 * <li>{@code osm_snapshots{status}} and {@code osm_snapshots_size_bytes{status}}: every snapshot the service keeps
 * track of, from the stored jobs (the same on every replica: aggregate with {@code max}). {@code status="AVAILABLE"}
 * is what is <em>kept</em> (and billed): for a rollback, or until the retention ends.</li>
 * </ul>
 * (Not {@code osm_snapshots_created}: Prometheus reserves the {@code _created} suffix for a counter's creation time.)
 * Sizes are the disks' sizes (what ECS bills a first snapshot by at most), in bytes: GiB × 2³⁰.
 */
@Component
class SnapshotMetrics implements MeterBinder {

    private static final double BYTES_PER_GIB = 1L << 30;

    private final MongoTemplate mongo;
    private final CachedReading<Map<SnapshotStatus, long[]>> stored;
    private MeterRegistry registry;

    SnapshotMetrics(MongoTemplate mongo) {
        this.mongo = mongo;
        this.stored = CachedReading.of(Duration.ofSeconds(5), Map.of(), this::countStored);
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        this.registry = meters;
        for (SnapshotStatus status : SnapshotStatus.values()) {
            Gauge.builder("osm.snapshots", stored, r -> r.get().getOrDefault(status, new long[2])[0])
                    .description("Backup snapshots by status (AVAILABLE: kept)").tag("status", status.name())
                    .register(meters);
            Gauge.builder("osm.snapshots.size", stored, r -> r.get().getOrDefault(status, new long[2])[1]
                            * BYTES_PER_GIB).baseUnit("bytes")
                    .description("Size of the backed-up disks by snapshot status").tag("status", status.name())
                    .register(meters);
        }
    }

    /** A job's snapshots changed from {@code before} (null: new) to {@code after}, and it was stored. */
    void stored(JobSnapshots before, JobSnapshots after) {
        if (registry == null) {
            return;
        }
        Map<String, DiskSnapshot> earlier = before == null ? Map.of() : before.disks().stream()
                .collect(Collectors.toMap(DiskSnapshot::diskId, Function.identity(), (a, b) -> a));
        for (DiskSnapshot disk : after.disks()) {
            SnapshotStatus was = earlier.containsKey(disk.diskId()) ? earlier.get(disk.diskId()).status() : null;
            if (disk.status() == was) {
                continue;
            }
            if (disk.status() == SnapshotStatus.AVAILABLE) {
                count("osm.snapshot.creations", "Backup snapshots that became available", disk);
            } else if (disk.status() == SnapshotStatus.RELEASED) {
                count("osm.snapshot.releases", "Backup snapshots deleted", disk);
            }
        }
    }

    private void count(String name, String description, DiskSnapshot disk) {
        Counter.builder(name).description(description).register(registry).increment();
        Counter.builder(name + ".size").baseUnit("bytes").description(description + ": their disks' size")
                .register(registry).increment(disk.sizeGiB() * BYTES_PER_GIB);
    }

    private Map<SnapshotStatus, long[]> countStored() {
        Map<SnapshotStatus, long[]> counts = new EnumMap<>(SnapshotStatus.class);
        List<Document> pipeline = List.of(new Document("$unwind", "$job.disks"),
                new Document("$group", new Document("_id", "$job.disks.status")
                        .append("n", new Document("$sum", 1)).append("gib", new Document("$sum", "$job.disks.sizeGiB"))));
        for (Document row : mongo.getCollection(JobSnapshotsStore.COLLECTION).aggregate(pipeline)) {
            Object status = row.get("_id");
            if (status != null) {
                counts.put(SnapshotStatus.valueOf(status.toString()), new long[] {((Number) row.get("n")).longValue(),
                        ((Number) row.get("gib")).longValue()});
            }
        }
        return counts;
    }
}
