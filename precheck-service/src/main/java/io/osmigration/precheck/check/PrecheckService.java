package io.osmigration.precheck.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import io.osmigration.platform.facts.ServerFacts;
import io.osmigration.platform.outbox.OutboxMessage;
import io.osmigration.platform.outbox.OutboxRelay;
import io.osmigration.platform.web.ApiException;
import io.osmigration.precheck.PrecheckProperties;
import io.osmigration.precheck.facts.CloudAssistantFacts;
import io.osmigration.precheck.facts.FreshFacts;
import io.osmigration.precheck.facts.InstanceSnapshots;
import io.osmigration.precheck.facts.KnownSources;
import io.osmigration.precheck.facts.SourceFactsDocument;
import io.osmigration.precheck.rules.CheckSubject;
import io.osmigration.precheck.rules.Destinations;
import io.osmigration.precheck.rules.Finding;
import io.osmigration.precheck.rules.FindingCodes;
import io.osmigration.precheck.rules.RuleBook;
import io.osmigration.precheck.rules.Severity;
import io.osmigration.schemas.DeterministicIds;

/**
 * Starts checks (for released jobs and from the API), runs them on the bounded {@link CheckRunner}, and records
 * each result once: the RUNNING → PASSED/FAILED update is conditional, and for a job it carries the result event.
 */
@Service
public class PrecheckService {

    private static final Logger log = LoggerFactory.getLogger(PrecheckService.class);

    private final MongoTemplate mongo;
    private final OutboxRelay outboxRelay;
    private final KnownSources knownSources;
    private final CloudAssistantFacts cloudAssistantFacts;
    private final InstanceSnapshots instanceSnapshots;
    private final RuleBook ruleBook;
    private final CheckRunner runner;
    private final PrecheckProperties properties;
    private final Clock clock;

    public PrecheckService(MongoTemplate mongo, OutboxRelay outboxRelay, KnownSources knownSources,
                           CloudAssistantFacts cloudAssistantFacts, InstanceSnapshots instanceSnapshots,
                           RuleBook ruleBook, CheckRunner runner, PrecheckProperties properties, Clock clock) {
        this.mongo = mongo;
        this.outboxRelay = outboxRelay;
        this.knownSources = knownSources;
        this.cloudAssistantFacts = cloudAssistantFacts;
        this.instanceSnapshots = instanceSnapshots;
        this.ruleBook = ruleBook;
        this.runner = runner;
        this.properties = properties;
        this.clock = clock;
        // Spring Data does not create @Indexed indexes by default: the batch view and the resume query need these.
        mongo.indexOps(PrecheckDocument.class).createIndex(new Index().on("batchId", Sort.Direction.ASC).named("batchId"));
        mongo.indexOps(PrecheckDocument.class).createIndex(new Index().on("status", Sort.Direction.ASC).named("status"));
    }

    /** A job's check. A redelivered request finds the check already there and starts nothing. */
    public void startForJob(JobCheckRequest request) {
        Optional<SourceFactsDocument> known = knownSources.find(request.sourceId());
        String instanceId = request.instanceId() != null ? request.instanceId()
                : known.map(SourceFactsDocument::instanceId).orElse(null);
        String regionId = request.regionId() != null ? request.regionId()
                : known.map(SourceFactsDocument::regionId).orElse(null);
        PrecheckDocument check = PrecheckDocument.running(jobPrecheckId(request.jobId()), request.sourceId(),
                instanceId, regionId, request.destinationOs(), request.batchId(), request.jobId(),
                request.requestEventId(), clock.instant());
        try {
            mongo.insert(check);
        } catch (DuplicateKeyException alreadyStarted) {
            log.debug("Check {} for job {} already exists", check.precheckId(), request.jobId());
            return;
        }
        submit(check);
    }

    /** A stand-alone check from the API: same rules, no event (it must not start a migration). */
    public String startStandalone(String sourceId, String destinationOs) {
        if (!Destinations.isKnown(destinationOs)) {
            throw ApiException.invalidField("destinationOs", "must be one of " + String.join(", ",
                    Destinations.all()));
        }
        SourceFactsDocument source = knownSources.find(sourceId)
                .orElseThrow(() -> ApiException.invalidField("sourceId", "no source " + sourceId + " is known"));
        PrecheckDocument check = PrecheckDocument.running("pc-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                sourceId, source.instanceId(), source.regionId(), destinationOs, null, null, null, clock.instant());
        mongo.insert(check);
        submit(check);
        return check.precheckId();
    }

    public Optional<PrecheckDocument> find(String precheckId) {
        return Optional.ofNullable(mongo.findById(precheckId, PrecheckDocument.class));
    }

    public List<PrecheckDocument> findByBatch(String batchId) {
        return mongo.find(new Query(Criteria.where("batchId").is(batchId)).with(Sort.by("createdAt")),
                PrecheckDocument.class);
    }

    /** Checks left RUNNING by a stopped service start again; their results keep their deterministic ids. */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeRunning() {
        for (PrecheckDocument check : mongo.find(new Query(Criteria.where("status").is(PrecheckDocument.RUNNING)),
                PrecheckDocument.class)) {
            log.info("Resuming check {}", check.precheckId());
            submit(check);
        }
    }

    static String jobPrecheckId(String jobId) {
        return DeterministicIds.of("pc-", "precheck:" + jobId, 20);
    }

    private void submit(PrecheckDocument check) {
        runner.submit(check.precheckId(), () -> run(check), () -> timedOut(check));
    }

    void run(PrecheckDocument check) {
        Instant started = clock.instant();
        try {
            CheckSubject subject = subject(check);
            List<Finding> findings = ruleBook.evaluate(subject);
            ServerFacts facts = subject.facts();
            complete(check, findings, facts == null ? null : sourceOs(facts), facts == null ? null : facts.arch(),
                    facts == null ? null : facts.collectedAt(), facts != null && !subject.freshFacts(), started);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // the deadline already recorded CHECK_TIMEOUT
            }
            log.error("Check {} failed unexpectedly", check.precheckId(), e);
            complete(check, List.of(new Finding(FindingCodes.CHECK_ERROR, Severity.CRITICAL,
                    "The check could not be completed", "The check failed with " + e.getClass().getSimpleName()
                    + "; the instance is not known to be safe to migrate.",
                    "Look at the precheck-service log for this precheck id and run the check again.", null)),
                    null, null, null, false, started);
        }
    }

    private CheckSubject subject(PrecheckDocument check) {
        FreshFacts fresh = cloudAssistantFacts.collect(check.instanceId(), check.regionId(),
                "osm-" + check.precheckId());
        ServerFacts facts;
        CheckSubject.CloudAssistantState agent;
        if (fresh.succeeded()) {
            facts = fresh.facts();
            agent = CheckSubject.CloudAssistantState.ONLINE;
        } else {
            facts = knownSources.find(check.sourceId()).map(SourceFactsDocument::facts).orElse(null);
            agent = CheckSubject.CloudAssistantState.offline(fresh.failure());
        }
        CheckSubject.SnapshotState snapshots = instanceSnapshots.inProgress(check.instanceId(), check.regionId());
        return new CheckSubject(check.sourceId(), check.instanceId(), check.destinationOs(), facts,
                fresh.succeeded(), agent, snapshots, clock.instant());
    }

    void timedOut(PrecheckDocument check) {
        complete(check, List.of(new Finding(FindingCodes.CHECK_TIMEOUT, Severity.CRITICAL,
                "The check did not finish in time",
                "The check of " + (check.instanceId() == null ? check.sourceId() : check.instanceId())
                        + " was still running after " + properties.checkTimeout() + "; the instance did not answer.",
                "Make sure the instance is running and Cloud Assistant answers, then check again.", null)),
                null, null, null, false, check.createdAt());
    }

    /** RUNNING → PASSED/FAILED, findings and (for a job) the event in one conditional update: first one wins. */
    void complete(PrecheckDocument check, List<Finding> findings, String sourceOs, String arch,
                  Instant factsCollectedAt, boolean factsStale, Instant started) {
        boolean failed = findings.stream().anyMatch(Finding::isCritical);
        Instant now = clock.instant();
        Update update = new Update()
                .set("status", failed ? PrecheckDocument.FAILED : PrecheckDocument.PASSED)
                .set("findings", findings)
                .set("sourceOs", sourceOs)
                .set("arch", arch)
                .set("factsCollectedAt", factsCollectedAt)
                .set("factsStale", factsStale)
                .set("finishedAt", now)
                .set("durationMillis", Duration.between(started, now).toMillis())
                .inc("version", 1);
        if (check.isJob()) {
            update.push("outbox", OutboxMessage.of(check.sourceId(), PrecheckEvents.result(check, findings, failed,
                    sourceOs, arch, factsCollectedAt, factsStale, clock)));
        }
        Query stillRunning = new Query(Criteria.where("_id").is(check.precheckId())
                .and("status").is(PrecheckDocument.RUNNING));
        boolean won = mongo.updateFirst(stillRunning, update, PrecheckDocument.class).getModifiedCount() > 0;
        if (!won) {
            log.debug("Check {} had already ended; this result is dropped", check.precheckId());
            return;
        }
        if (check.isJob()) {
            outboxRelay.wakeUp();
        }
        log.info("Check {} of {} → {}: {}", check.precheckId(), check.sourceId(), failed ? "FAILED" : "PASSED",
                findings.stream().map(Finding::code).distinct().toList());
    }

    private static String sourceOs(ServerFacts facts) {
        return facts.osPrettyName() != null && !facts.osPrettyName().isBlank() ? facts.osPrettyName()
                : (facts.osId() + " " + facts.osVersionId()).strip();
    }
}
