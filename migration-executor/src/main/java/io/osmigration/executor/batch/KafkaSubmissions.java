package io.osmigration.executor.batch;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.osmigration.events.AcceptedJob;
import io.osmigration.events.EventHeader;
import io.osmigration.events.FieldError;
import io.osmigration.events.MigrationControlRequested;
import io.osmigration.events.MigrationRequestAccepted;
import io.osmigration.events.MigrationRequestRejected;
import io.osmigration.events.MigrationRequested;
import io.osmigration.executor.MigrationExecutorApplication;
import io.osmigration.executor.domain.BatchCommand;
import io.osmigration.executor.domain.Violation;
import io.osmigration.executor.job.JobStore;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.kafka.EventPublisher;
import io.osmigration.platform.kafka.InvalidEventException;

/**
 * Maps Kafka commands onto the same {@link BatchService} calls as the REST API, and answers every MigrationRequested
 * on {@code osm.migration.replies} (keyed by requestId): MigrationRequestAccepted with the batch's jobs, or
 * MigrationRequestRejected with the errors naming each field. The reply's id derives from the request's, so a
 * redelivered request is answered with the same event (consumers drop the copy) and a resent one (a new record, same
 * requestId) gets the same answer again.
 */
@Service
class KafkaSubmissions {

    private static final Logger log = LoggerFactory.getLogger(KafkaSubmissions.class);

    private final BatchService batches;
    private final JobStore jobs;
    private final EventPublisher publisher;
    private final Clock clock;

    KafkaSubmissions(BatchService batches, JobStore jobs, EventPublisher publisher, Clock clock) {
        this.batches = batches;
        this.jobs = jobs;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Submits the batch and sends the reply; the reply is sent before the record counts as handled. */
    void submit(MigrationRequested requested, String by) {
        List<BatchCommand.Target> targets = requested.getTargets().stream()
                .map(t -> new BatchCommand.Target(t.getSourceId(), t.getDestinationOs()))
                .collect(java.util.stream.Collectors.toList());
        EventHeader header = EventHeaders.of(requested);
        BatchCommand command = new BatchCommand(requested.getRequestId(), requested.getDestinationOs(), targets,
                requested.getDrillMode(), requested.getAcknowledgeRisks(), requested.getMaxParallel(),
                requested.getFailureThresholdPercent(), requested.getAutoRemediate(), header.getEventId());
        BatchService.Submission submission = batches.submit(command, by);
        SpecificRecord reply = submission.refused() ? rejected(requested, submission.violations())
                : accepted(requested, submission);
        String key = requested.getRequestId() == null || requested.getRequestId().isBlank()
                ? header.getEventId() : requested.getRequestId();
        publisher.publish(key, reply).join();
        log.info("MigrationRequested {} from {}: {}", requested.getRequestId(), by, submission.refused()
                ? "rejected, " + submission.violations() : (submission.created() ? "accepted as " : "already ")
                + submission.batch().batchId());
    }

    private MigrationRequestAccepted accepted(MigrationRequested requested, BatchService.Submission submission) {
        String batchId = submission.batch().batchId();
        boolean first = submission.created()
                || EventHeaders.of(requested).getEventId().equals(submission.batch().submissionId());
        List<AcceptedJob> accepted = jobs.ofBatch(batchId).stream().map(job -> AcceptedJob.newBuilder()
                .setJobId(job.jobId()).setSourceId(job.sourceId()).setDestinationOs(job.destinationOs())
                .setState(job.state().name()).build()).toList();
        return MigrationRequestAccepted.newBuilder().setHeader(replyHeader(requested, batchId))
                .setRequestId(requested.getRequestId()).setBatchId(batchId).setCreated(first).setJobs(accepted)
                .build();
    }

    private MigrationRequestRejected rejected(MigrationRequested requested, List<Violation> violations) {
        return MigrationRequestRejected.newBuilder().setHeader(replyHeader(requested, null))
                .setRequestId(requested.getRequestId() == null ? "" : requested.getRequestId())
                .setErrors(violations.stream().map(v -> FieldError.newBuilder().setField(v.field())
                        .setMessage(v.message()).build()).toList())
                .build();
    }

    private EventHeader replyHeader(MigrationRequested requested, String batchId) {
        String requestEventId = EventHeaders.of(requested).getEventId();
        return EventHeaders.deterministic(MigrationExecutorApplication.SERVICE_NAME, "reply:" + requestEventId,
                batchId, null, requestEventId, clock);
    }

    void control(MigrationControlRequested control, String by) {
        String action = control.getAction() == null ? "" : control.getAction().toUpperCase(Locale.ROOT);
        String batchId = control.getBatchId();
        String jobId = control.getJobId();
        String reason = control.getReason();
        BatchService.Outcome outcome = switch (action) {
            case "PAUSE" -> batches.pause(batchId, by, reason);
            case "RESUME" -> batches.resume(batchId, by);
            case "CANCEL" -> jobId == null ? batches.cancel(batchId, by, reason)
                    : batches.cancelJob(batchId, jobId, by, reason);
            case "START" -> jobId == null ? BatchService.Outcome.CONFLICT : batches.startJob(batchId, jobId);
            default -> throw new InvalidEventException("unknown action '" + control.getAction()
                    + "'; expected START, PAUSE, RESUME or CANCEL");
        };
        if (outcome == BatchService.Outcome.NOT_FOUND) {
            throw new InvalidEventException("no batch " + batchId + (jobId == null ? "" : " with job " + jobId));
        }
        log.info("Control {} on {}{} by {}: {}", action, batchId, jobId == null ? "" : "/" + jobId, by, outcome);
    }
}
