package io.osmigration.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A disk snapshot. The captured copy is taken at creation (point in time); progress is only
 * reported, growing linearly over the configured duration. A snapshot of an instance with
 * {@code faults.snapshotFails} stops at half way and ends {@code failed}.
 */
final class Snapshot {

    final String id;
    final String name;
    final String description;
    final String diskId;
    final String instanceId;
    final boolean systemDisk;
    final int sizeGiB;
    final String regionId;
    final Instant created;
    final Duration duration;
    final boolean fails;
    final Path capture; // null for data disks: nothing of theirs is simulated

    Snapshot(String id, String name, String description, Fleet.Disk disk, SimInstance owner, Instant created,
             Duration duration, Path capture) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.diskId = disk.diskId();
        this.instanceId = owner.id();
        this.systemDisk = disk.isSystem();
        this.sizeGiB = disk.sizeGiB();
        this.regionId = owner.spec.regionId();
        this.created = created;
        this.duration = duration;
        this.fails = owner.spec.faults().snapshotFails();
        this.capture = capture;
    }

    int progress(Instant now) {
        long total = Math.max(1, duration.toMillis());
        long elapsed = Math.max(0, Duration.between(created, now).toMillis());
        int pct = (int) Math.min(100, elapsed * 100 / total);
        if (duration.isZero()) {
            pct = 100;
        }
        return fails ? Math.min(pct, 50) : pct;
    }

    String status(Instant now) {
        int pct = progress(now);
        if (fails) {
            boolean halfway = duration.isZero() || Duration.between(created, now).toMillis() * 2 >= duration.toMillis();
            return halfway ? "failed" : "progressing";
        }
        return pct >= 100 ? "accomplished" : "progressing";
    }

    long remainingSeconds(Instant now) {
        if (!"progressing".equals(status(now))) {
            return 0;
        }
        return Math.max(0, Duration.between(now, created.plus(duration)).toSeconds());
    }
}
