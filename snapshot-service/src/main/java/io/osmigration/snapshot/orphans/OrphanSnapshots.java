package io.osmigration.snapshot.orphans;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** What operators may read about orphans: each one found, when it is (or was) released, what it costs. */
@Service
public class OrphanSnapshots {

    private final MongoTemplate mongo;

    OrphanSnapshots(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public List<Orphan> list(int limit) {
        Query query = new Query().with(Sort.by(Sort.Direction.DESC, "firstSeenAt")).limit(limit);
        return mongo.find(query, OrphanSnapshotDocument.class, OrphanSnapshotDocument.COLLECTION).stream()
                .map(d -> new Orphan(d.getSnapshotId(), d.getSnapshotName(), d.getDiskId(), d.getInstanceId(),
                        d.getJobId(), d.getStatus().name(), d.getSizeGiB(), d.getEstimatedDailyCost(),
                        d.getFirstSeenAt(), d.getDueAt(), d.getReleasedAt()))
                .toList();
    }

    /**
     * @param status PENDING (release due at {@code releaseDueAt}), RELEASED, ADOPTED (a job owned it after all) or
     *               GONE (deleted by someone else before its release)
     */
    public record Orphan(String snapshotId, String snapshotName, String diskId, String instanceId, String jobId,
                         String status, int sizeGiB, double estimatedDailyCost, Instant firstSeenAt,
                         Instant releaseDueAt, Instant releasedAt) {
    }
}
