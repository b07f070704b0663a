package io.osmigration.snapshot.domain;

import java.util.Optional;

/** Decides whether a backup snapshot found in the cloud belongs to a live job. */
public final class OrphanPolicy {

    private OrphanPolicy() {
    }

    /**
     * @param namedJob the job whose id the snapshot name carries, if this service knows it
     */
    public static boolean isOrphan(CloudSnapshot snapshot, Optional<JobSnapshots> namedJob) {
        if (namedJob.isEmpty()) {
            return true;
        }
        JobSnapshots job = namedJob.get();
        // While creating or cleaning up, the job itself records or deletes what it made (even unrecorded ones).
        if (job.stage() == Stage.DISCOVERING || job.stage() == Stage.CREATING || job.stage() == Stage.CLEANING_UP) {
            return false;
        }
        return !job.owns(snapshot.snapshotId());
    }
}
