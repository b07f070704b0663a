package io.osmigration.notification.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.osmigration.notification.domain.BatchDigest;
import io.osmigration.notification.domain.BatchPause;
import io.osmigration.notification.domain.EventType;
import io.osmigration.notification.domain.Finding;
import io.osmigration.notification.domain.JobEvent;
import io.osmigration.notification.domain.JobOutcome;
import io.osmigration.notification.domain.JobStates;
import io.osmigration.notification.domain.KeptSnapshots;
import io.osmigration.platform.lease.Claim;
import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.lease.Leases;

/**
 * What this service knows about jobs and batches, learnt from the events (it has no other source): one document per
 * job in {@code jobs} (state, blockers, snapshots) and one per batch in {@code batches} (its size from BatchAccepted).
 * Whether a batch is finished is never inferred here: the executor says so with BatchFinished, and the digest takes
 * its counts from that event; the jobs only add the blockers and the snapshots still kept.
 *
 * <p>Events of one job arrive on several topics, so their order between topics is not guaranteed: a job's state
 * only ever moves up a rank ({@link #rank}), and every write is an idempotent upsert.
 */
@Component
public class JobTracker {

    static final String JOBS = "jobs";
    static final String BATCHES = "batches";
    private static final int TOP_BLOCKERS = 5;

    private final MongoTemplate mongo;
    private final Leases leases;

    public JobTracker(MongoTemplate mongo, Leases leases) {
        this.mongo = mongo;
        this.leases = leases;
        mongo.indexOps(JOBS).createIndex(new Index().on("batchId", Sort.Direction.ASC).named("batchId"));
        // The reminder claim: jobs due (remindAt) that no live lease holds.
        mongo.indexOps(JOBS).createIndex(new Index().on("remindAt", Sort.Direction.ASC)
                .on(Leases.FIELD + ".until", Sort.Direction.ASC).named("remindAt_lease"));
    }

    /** A job was released to run (JobReleased): the batch has one more member. */
    public void jobReleased(String batchId, String jobId, String sourceId, String instanceId, String destinationOs,
                            String drillMode, Instant at) {
        Update update = new Update().set("batchId", batchId).set("sourceId", sourceId).set("drillMode", drillMode)
                .setOnInsert("state", JobOutcome.RUNNING.name()).setOnInsert("rank", 0)
                .setOnInsert("createdAt", Date.from(at));
        if (instanceId != null) {
            update.set("instanceId", instanceId);
        }
        if (destinationOs != null) {
            update.set("destinationOs", destinationOs);
        }
        mongo.upsert(new Query(Criteria.where("_id").is(jobId)), update, JOBS);
    }

    /** A batch was accepted (BatchAccepted): how many jobs it has, for the messages that say where it stands. */
    public void batchAccepted(String batchId, int jobs, Instant at) {
        mongo.upsert(new Query(Criteria.where("_id").is(batchId)), new Update().max("expectedJobs", jobs)
                .setOnInsert("acceptedAt", Date.from(at)), BATCHES);
    }

    /**
     * Records what {@code event} says about its job. A drill that passed under DRILL_ONLY leaves the job waiting for
     * approval.
     */
    public void record(JobEvent event, Duration reminderAfter) {
        if (event.jobId() == null) {
            return;
        }
        Query byId = new Query(Criteria.where("_id").is(event.jobId()));
        Update metadata = new Update().setOnInsert("state", JobOutcome.RUNNING.name()).setOnInsert("rank", 0)
                .setOnInsert("createdAt", Date.from(event.occurredAt())).set("sourceId", event.sourceId());
        if (event.batchId() != null) {
            metadata.set("batchId", event.batchId());
        }
        if (event.instanceId() != null) {
            metadata.set("instanceId", event.instanceId());
        }
        List<Document> blockers = blockers(event);
        if (!blockers.isEmpty()) {
            metadata.addToSet("blockers").each(blockers.toArray());
        }
        if (event.type() == null && !event.snapshots().isEmpty()) {
            // SnapshotsCreated: watch them until released.
            metadata.set("snapshots", event.snapshots().size()).set("dailyCost", event.dailyCost())
                    .set("snapshotsCreatedAt", Date.from(event.occurredAt()))
                    .set("remindAt", Date.from(event.occurredAt().plus(reminderAfter)));
        }
        if (event.type() == EventType.SNAPSHOT_RELEASED) {
            metadata.set("snapshotsReleased", true).unset("remindAt");
        }
        Document job = mongo.findAndModify(byId, metadata,
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, JOBS);
        JobOutcome outcome = event.outcome();
        if (outcome == JobOutcome.DRILL_PASSED && job != null && "DRILL_ONLY".equals(job.getString("drillMode"))) {
            outcome = JobOutcome.AWAITING_APPROVAL;
        }
        if (outcome == null || outcome == JobOutcome.SNAPSHOTS_RELEASED) {
            return;
        }
        int rank = rank(outcome);
        mongo.updateFirst(new Query(Criteria.where("_id").is(event.jobId()).and("rank").lt(rank)),
                new Update().set("state", outcome.name()).set("rank", rank), JOBS);
    }

    /** States only move forward: a late event from another topic cannot undo a later one. */
    static int rank(JobOutcome outcome) {
        return switch (outcome) {
            case RUNNING, SNAPSHOTS_RELEASED -> 0;
            case DRILL_PASSED, DRILL_CRITICAL -> 1;
            case AWAITING_APPROVAL -> 2;
            case FAILED_ROLLING_BACK -> 3;
            case PRECHECK_FAILED, COMPLETED, FAILED -> 4;
            case ROLLED_BACK -> 5;
        };
    }

    /** Why a job stopped, grouped by code in the digest. Only CRITICAL findings block. */
    private static List<Document> blockers(JobEvent event) {
        List<Document> blockers = new ArrayList<>();
        if (event.type() == null) {
            return blockers;
        }
        switch (event.type()) {
            case PRECHECK_FAILED, DRILL_COMPLETED -> {
                for (Finding finding : event.findings()) {
                    if (finding.critical()) {
                        blockers.add(blocker(finding.code(), finding.title(), finding.remediationHint()));
                    }
                }
            }
            case MIGRATION_FAILED -> blockers.add(blocker(
                    event.step() == null ? "MIGRATION_FAILED" : "STEP_FAILED_" + event.step(), event.reason(), null));
            case SNAPSHOT_CREATION_FAILED -> blockers.add(blocker("SNAPSHOT_CREATION_FAILED", event.reason(), null));
            default -> {
            }
        }
        return blockers;
    }

    private static Document blocker(String code, String title, String remedy) {
        return new Document("code", code).append("title", title == null ? "" : title)
                .append("remedy", remedy == null ? "" : remedy);
    }

    // ------------------------------------------------------------------------------------------------ batches

    /**
     * The digest of a finished batch: the executor's final state and counts (BatchFinished), the top blockers and the
     * snapshots still kept as the job events told them.
     */
    public BatchDigest digest(String batchId, String finalState, int total, Map<String, Integer> countsByState) {
        JobsOfBatch jobs = jobsOf(batchId);
        return new BatchDigest(batchId, finalState, total, JobStates.labelled(countsByState), jobs.topBlockers(),
                jobs.snapshots, jobs.dailyCost);
    }

    /** Where a paused batch stands, as far as the job events told. */
    public BatchPause pause(String batchId, String by, String reason) {
        JobsOfBatch jobs = jobsOf(batchId);
        Document batch = mongo.findById(batchId, Document.class, BATCHES);
        int expected = batch == null ? 0 : batch.get("expectedJobs", 0);
        return new BatchPause(batchId, by, reason, expected, jobs.countsByOutcome(), jobs.topBlockers());
    }

    private JobsOfBatch jobsOf(String batchId) {
        return new JobsOfBatch(mongo.find(new Query(Criteria.where("batchId").is(batchId)), Document.class, JOBS));
    }

    /** The jobs of one batch this service has heard of, summed up. */
    private static final class JobsOfBatch {
        private final List<Document> jobs;
        private final Map<String, BlockerCount> blockers = new HashMap<>();
        private int snapshots;
        private double dailyCost;

        JobsOfBatch(List<Document> jobs) {
            this.jobs = jobs;
            for (Document job : jobs) {
                for (Document blocker : job.getList("blockers", Document.class, List.of())) {
                    blockers.computeIfAbsent(blocker.getString("code"), code -> new BlockerCount(code,
                            blocker.getString("title"), blocker.getString("remedy"))).jobIds.add(job.getString("_id"));
                }
                if (job.get("snapshots") != null && !job.getBoolean("snapshotsReleased", false)) {
                    snapshots += job.getInteger("snapshots", 0);
                    dailyCost += ((Number) job.get("dailyCost", 0.0)).doubleValue();
                }
            }
        }

        Map<String, Integer> countsByOutcome() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (JobOutcome outcome : JobOutcome.values()) {
                int count = (int) jobs.stream().filter(job -> outcome.name().equals(job.getString("state"))).count();
                if (count > 0) {
                    counts.put(outcome.label(), count);
                }
            }
            return counts;
        }

        List<BatchDigest.Blocker> topBlockers() {
            return blockers.values().stream()
                    .map(count -> new BatchDigest.Blocker(count.code, count.title,
                            (int) count.jobIds.stream().distinct().count(), count.remedy))
                    .sorted(Comparator.comparingInt(BatchDigest.Blocker::jobs).reversed()
                            .thenComparing(BatchDigest.Blocker::code))
                    .limit(TOP_BLOCKERS).toList();
        }
    }

    private static final class BlockerCount {
        private final String code;
        private final String title;
        private final String remedy;
        private final List<String> jobIds = new ArrayList<>();

        BlockerCount(String code, String title, String remedy) {
            this.code = code;
            this.title = title;
            this.remedy = remedy;
        }
    }

    // ------------------------------------------------------------------------------------------------ snapshots

    /**
     * Claims (platform lease) up to {@code limit} jobs whose snapshots are kept past the reminder time and were not
     * reminded about yet. Until {@link #reminded} gives them back, no other replica or round takes them; a replica
     * that dies before that leaves them to be reminded about again once the claims run out.
     */
    public List<DueReminder> claimDueReminders(Instant now, int limit, Duration lease) {
        Criteria due = Criteria.where("remindAt").lte(Date.from(now)).and("reminded").ne(true)
                .and("snapshotsReleased").ne(true);
        List<DueReminder> claimed = new ArrayList<>();
        Optional<Claimed<Document>> next;
        while (claimed.size() < limit && (next = leases.claimNext(JOBS, due, Sort.by("remindAt", "_id"), lease,
                Document.class)).isPresent()) {
            Document job = next.get().document();
            Date createdAt = job.getDate("snapshotsCreatedAt");
            claimed.add(new DueReminder(next.get().claim(), new KeptSnapshots(job.getString("_id"),
                    job.getString("batchId"), job.getString("sourceId"), job.getString("instanceId"),
                    job.getInteger("snapshots", 0), ((Number) job.get("dailyCost", 0.0)).doubleValue(),
                    createdAt == null ? now : createdAt.toInstant())));
        }
        return claimed;
    }

    /** The reminder naming these jobs is queued: each job is reminded about once. */
    public void reminded(List<DueReminder> reminders) {
        for (DueReminder reminder : reminders) {
            leases.release(reminder.claim(), new Update().set("reminded", true));
        }
    }

    /** A job whose kept snapshots are due for a reminder, claimed until the reminder is queued. */
    public record DueReminder(Claim claim, KeptSnapshots kept) {
    }
}
