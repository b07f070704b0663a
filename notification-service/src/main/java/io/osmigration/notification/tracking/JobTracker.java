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
import java.util.TreeMap;

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
import io.osmigration.notification.domain.EventType;
import io.osmigration.notification.domain.Ids;
import io.osmigration.notification.domain.Finding;
import io.osmigration.notification.domain.JobEvent;
import io.osmigration.notification.domain.JobOutcome;
import io.osmigration.notification.domain.KeptSnapshots;

/**
 * What this service knows about jobs and batches, learnt from the events (it has no other source): one document per
 * job in {@code jobs} (state, blockers, snapshots) and one per batch in {@code batches} (expected size, digest timer).
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

    public JobTracker(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(JOBS).createIndex(new Index().on("batchId", Sort.Direction.ASC).named("batchId"));
        mongo.indexOps(JOBS).createIndex(new Index().on("remindAt", Sort.Direction.ASC).named("remindAt"));
        mongo.indexOps(BATCHES).createIndex(new Index().on("digestDueAt", Sort.Direction.ASC).named("digestDueAt"));
    }

    /** A job was released to run (MigrationRequested with a job id): the batch has one more member. */
    public void jobReleased(String batchId, String jobId, String sourceId, String instanceId, String destinationOs,
                            String drillMode, Instant at) {
        Update update = new Update().set("batchId", batchId).set("sourceId", sourceId).set("drillMode", drillMode)
                .setOnInsert("state", JobOutcome.RUNNING.name()).setOnInsert("rank", 0)
                .setOnInsert("terminal", false).setOnInsert("createdAt", Date.from(at));
        if (instanceId != null) {
            update.set("instanceId", instanceId);
        }
        if (destinationOs != null) {
            update.set("destinationOs", destinationOs);
        }
        mongo.upsert(new Query(Criteria.where("_id").is(jobId)), update, JOBS);
    }

    /** A whole batch was submitted as an event: how many jobs it will have, so a digest never comes early. */
    public void batchSubmitted(String batchId, int jobs) {
        mongo.upsert(new Query(Criteria.where("_id").is(batchId)), new Update().max("expectedJobs", jobs), BATCHES);
    }

    /**
     * Records what {@code event} says about its job; returns the job's state afterwards (empty for events without
     * a job id). A drill that passed under DRILL_ONLY leaves the job waiting for approval: stopped, as far as the
     * batch digest is concerned.
     */
    public Optional<JobOutcome> record(JobEvent event, Duration reminderAfter) {
        if (event.jobId() == null) {
            return Optional.empty();
        }
        Query byId = new Query(Criteria.where("_id").is(event.jobId()));
        Update metadata = new Update().setOnInsert("state", JobOutcome.RUNNING.name()).setOnInsert("rank", 0)
                .setOnInsert("terminal", false).setOnInsert("createdAt", Date.from(event.occurredAt()))
                .set("sourceId", event.sourceId());
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
            return Optional.of(current(job));
        }
        int rank = rank(outcome);
        mongo.updateFirst(new Query(Criteria.where("_id").is(event.jobId()).and("rank").lt(rank)),
                new Update().set("state", outcome.name()).set("rank", rank).set("terminal", outcome.terminal()),
                JOBS);
        Document after = mongo.findById(event.jobId(), Document.class, JOBS);
        return Optional.of(current(after));
    }

    private static JobOutcome current(Document job) {
        return job == null ? JobOutcome.RUNNING : JobOutcome.valueOf(job.getString("state"));
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
     * If every known job of the batch has stopped (and as many as it was submitted with are known), (re)starts the
     * digest timer: it fires after {@code quietPeriod} without news, since the executor may still release jobs.
     */
    public void scheduleDigestIfStopped(String batchId, Instant now, Duration quietPeriod) {
        if (batchId == null || stoppedState(batchId).isEmpty()) {
            return;
        }
        mongo.upsert(new Query(Criteria.where("_id").is(batchId)),
                new Update().set("digestDueAt", Date.from(now.plus(quietPeriod))), BATCHES);
    }

    /**
     * If no job of the batch is running and all the jobs it was submitted with are known: a key of how many jobs are
     * in which state, unless a digest already told exactly that. A batch that moves on later (a drill-only batch
     * whose jobs are started after approval) gets another digest when it stops again.
     */
    private Optional<String> stoppedState(String batchId) {
        if (mongo.exists(new Query(Criteria.where("batchId").is(batchId).and("terminal").is(false)), JOBS)) {
            return Optional.empty();
        }
        Query jobsOfBatch = new Query(Criteria.where("batchId").is(batchId));
        jobsOfBatch.fields().include("state");
        Map<String, Integer> counts = new TreeMap<>();
        List<Document> jobs = mongo.find(jobsOfBatch, Document.class, JOBS);
        jobs.forEach(job -> counts.merge(job.getString("state"), 1, Integer::sum));
        Document batch = mongo.findById(batchId, Document.class, BATCHES);
        int expected = batch == null ? 0 : batch.get("expectedJobs", 0);
        String key = counts.toString();
        if (jobs.isEmpty() || jobs.size() < expected || (batch != null && key.equals(batch.get("digestedState")))) {
            return Optional.empty();
        }
        return Optional.of(key);
    }

    public List<String> batchesWithDigestDue(Instant now) {
        return mongo.find(new Query(Criteria.where("digestDueAt").lte(Date.from(now))), Document.class, BATCHES)
                .stream().map(document -> document.getString("_id")).toList();
    }

    /**
     * Takes the due digest of {@code batchId} if the batch is still stopped; returns the digest's identity (what it
     * reports) or empty when there is nothing to send. Conditional on the timer, so two workers never both take it.
     */
    public Optional<String> claimDigest(String batchId, Instant now) {
        Query due = new Query(Criteria.where("_id").is(batchId).and("digestDueAt").lte(Date.from(now)));
        Optional<String> state = stoppedState(batchId);
        if (state.isEmpty()) {
            mongo.updateFirst(due, new Update().unset("digestDueAt"), BATCHES);
            return Optional.empty();
        }
        Document claimed = mongo.findAndModify(due, new Update().unset("digestDueAt").set("digestedState", state.get()),
                Document.class, BATCHES);
        return claimed == null ? Optional.empty()
                : Optional.of(Ids.nameBased(batchId + state.get()));
    }

    /** The batch's digest: jobs per state, top blockers, snapshots still kept and what they cost a day. */
    public BatchDigest summarize(String batchId, boolean paused) {
        List<Document> jobs = mongo.find(new Query(Criteria.where("batchId").is(batchId)), Document.class, JOBS);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JobOutcome outcome : JobOutcome.values()) {
            int count = (int) jobs.stream().filter(job -> outcome.name().equals(job.getString("state"))).count();
            if (count > 0) {
                counts.put(outcome.label(), count);
            }
        }
        Map<String, BlockerCount> blockers = new HashMap<>();
        int snapshots = 0;
        double dailyCost = 0;
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
        List<BatchDigest.Blocker> top = blockers.values().stream()
                .map(count -> new BatchDigest.Blocker(count.code, count.title,
                        (int) count.jobIds.stream().distinct().count(), count.remedy))
                .sorted(Comparator.comparingInt(BatchDigest.Blocker::jobs).reversed()
                        .thenComparing(BatchDigest.Blocker::code))
                .limit(TOP_BLOCKERS).toList();
        return new BatchDigest(batchId, paused, jobs.size(), counts, top, snapshots, dailyCost);
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
     * Takes the jobs whose snapshots are kept past the reminder time and not yet reminded about (conditionally, one
     * by one, so a reminder names each job once).
     */
    public List<KeptSnapshots> claimDueReminders(Instant now, int limit) {
        Query due = new Query(Criteria.where("remindAt").lte(Date.from(now)).and("reminded").ne(true)
                .and("snapshotsReleased").ne(true)).limit(limit);
        List<KeptSnapshots> claimed = new ArrayList<>();
        for (Document job : mongo.find(due, Document.class, JOBS)) {
            Document taken = mongo.findAndModify(new Query(Criteria.where("_id").is(job.get("_id"))
                            .and("reminded").ne(true)), new Update().set("reminded", true), Document.class, JOBS);
            if (taken != null) {
                Date createdAt = job.getDate("snapshotsCreatedAt");
                claimed.add(new KeptSnapshots(job.getString("_id"), job.getString("batchId"),
                        job.getString("sourceId"), job.getString("instanceId"), job.getInteger("snapshots", 0),
                        ((Number) job.get("dailyCost", 0.0)).doubleValue(),
                        createdAt == null ? now : createdAt.toInstant()));
            }
        }
        return claimed;
    }
}
