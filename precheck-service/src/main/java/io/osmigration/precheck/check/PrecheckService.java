package io.osmigration.precheck.check;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.osmigration.platform.web.ApiException;
import io.osmigration.precheck.facts.KnownSources;
import io.osmigration.precheck.facts.SourceFactsDocument;
import io.osmigration.precheck.rules.Destinations;
import io.osmigration.schemas.DeterministicIds;

/**
 * The two ways a check is asked for, a released job and the API: both only queue it in MongoDB ({@link CheckQueue});
 * whichever replica's {@link CheckWorker} claims it first runs it.
 */
@Service
class PrecheckService {

    private static final Logger log = LoggerFactory.getLogger(PrecheckService.class);

    private final CheckQueue queue;
    private final CheckWorker worker;
    private final KnownSources knownSources;
    private final Clock clock;

    PrecheckService(CheckQueue queue, CheckWorker worker, KnownSources knownSources, Clock clock) {
        this.queue = queue;
        this.worker = worker;
        this.knownSources = knownSources;
        this.clock = clock;
    }

    /** A job's check. A redelivered request, or the job released again, finds the check already there. */
    void startForJob(JobCheckRequest request) {
        Optional<SourceFactsDocument> known = knownSources.find(request.sourceId());
        String instanceId = request.instanceId() != null ? request.instanceId()
                : known.map(SourceFactsDocument::instanceId).orElse(null);
        String regionId = request.regionId() != null ? request.regionId()
                : known.map(SourceFactsDocument::regionId).orElse(null);
        PrecheckDocument check = PrecheckDocument.queued(jobPrecheckId(request.jobId()), request.sourceId(),
                instanceId, regionId, request.destinationOs(), request.batchId(), request.jobId(),
                request.requestEventId(), request.autoRemediate(), clock.instant());
        if (queue.insert(check)) {
            worker.wakeUp();
        } else {
            log.debug("Check {} for job {} already exists", check.precheckId(), request.jobId());
        }
    }

    /** A stand-alone check from the API: same rules, no event (it must not start a migration). */
    String startStandalone(String sourceId, String destinationOs) {
        if (!Destinations.isKnown(destinationOs)) {
            throw ApiException.invalidField("destinationOs", "must be one of " + String.join(", ",
                    Destinations.all()));
        }
        SourceFactsDocument source = knownSources.find(sourceId)
                .orElseThrow(() -> ApiException.invalidField("sourceId", "no source " + sourceId + " is known"));
        String precheckId = "pc-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        queue.insert(PrecheckDocument.queued(precheckId, sourceId, source.instanceId(), source.regionId(),
                destinationOs, null, null, null, List.of(), clock.instant()));
        worker.wakeUp();
        return precheckId;
    }

    Optional<PrecheckDocument> find(String precheckId) {
        return queue.find(precheckId);
    }

    List<PrecheckDocument> findByBatch(String batchId) {
        return queue.findByBatch(batchId);
    }

    static String jobPrecheckId(String jobId) {
        return DeterministicIds.of("pc-", "precheck:" + jobId, 20);
    }
}
