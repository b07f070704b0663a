package io.osmigration.snapshot.domain;

import java.util.Optional;

import io.osmigration.schemas.DeterministicIds;

/** Names and ClientTokens of backup snapshots; both derive from (job, disk) only, so every retry finds the same. */
public final class SnapshotNaming {

    /** The prefix the spec documents for backup snapshots ("Clean up resources"). */
    public static final String PREFIX = "SMC_Backup_Snapshot_";

    private SnapshotNaming() {
    }

    public static String name(String jobId, String diskId) {
        return PREFIX + jobId + "_" + diskId;
    }

    /** The name of the job's snapshot-consistent group (names allow letters, digits, '.', '_', '-', ':'). */
    public static String groupName(String jobId) {
        return PREFIX + jobId;
    }

    /**
     * CreateSnapshotGroup's ClientToken: one group per job, however often the request is sent. Its own prefix keeps
     * it apart from every disk's token of the job.
     */
    public static String groupClientToken(String jobId) {
        return DeterministicIds.of("osm-group-", jobId, 40);
    }

    public static String jobPrefix(String jobId) {
        return PREFIX + jobId + "_";
    }

    /**
     * ECS accepts at most 64 ASCII characters as ClientToken; ids of arbitrary length are hashed into a fixed 44.
     */
    public static String clientToken(String jobId, String diskId) {
        return DeterministicIds.of("osm-", jobId + "/" + diskId, 40);
    }

    /**
     * The job id inside a backup snapshot's name ({@code <prefix><job>_<disk>}) or a backup group's name
     * ({@code <prefix><job>}), if it is one of ours. Job and disk ids contain no '_'.
     */
    public static Optional<String> jobIdOf(String snapshotName) {
        if (snapshotName == null || !snapshotName.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = snapshotName.substring(PREFIX.length());
        int separator = rest.indexOf('_');
        if (separator < 0) {
            return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
        }
        return separator == 0 ? Optional.empty() : Optional.of(rest.substring(0, separator));
    }
}
