package io.osmigration.executor.batch;

import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.osmigration.events.MigrationControlRequested;
import io.osmigration.events.MigrationRequested;
import io.osmigration.executor.domain.BatchCommand;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.kafka.InvalidEventException;

/** Maps Kafka commands onto the same {@link BatchService} calls as the REST API. */
@Service
class KafkaSubmissions {

    private static final Logger log = LoggerFactory.getLogger(KafkaSubmissions.class);

    private final BatchService batches;

    KafkaSubmissions(BatchService batches) {
        this.batches = batches;
    }

    void submit(MigrationRequested requested) {
        List<BatchCommand.Target> targets = requested.getTargets().stream()
                .map(t -> new BatchCommand.Target(t.getSourceId(), t.getDestinationOs())).toList();
        BatchCommand command = new BatchCommand(requested.getRequestId(), requested.getDestinationOs(), targets,
                requested.getDrillMode(), requested.getAcknowledgeRisks(), requested.getMaxParallel(),
                requested.getFailureThresholdPercent(), EventHeaders.of(requested).getEventId());
        BatchService.Submission submission = batches.submit(command);
        if (submission.refused()) {
            throw new InvalidEventException("MigrationRequested " + requested.getRequestId() + " refused: "
                    + submission.violations().stream().map(Object::toString).reduce((a, b) -> a + "; " + b).orElse(""));
        }
        log.info("Batch {} {} from Kafka request {}", submission.batch().id,
                submission.created() ? "accepted" : "already known", requested.getRequestId());
    }

    void control(MigrationControlRequested control) {
        String action = control.getAction() == null ? "" : control.getAction().toUpperCase(Locale.ROOT);
        String batchId = control.getBatchId();
        String jobId = control.getJobId();
        String reason = control.getReason();
        BatchService.Outcome outcome = switch (action) {
            case "PAUSE" -> batches.pause(batchId, reason);
            case "RESUME" -> batches.resume(batchId);
            case "CANCEL" -> jobId == null ? batches.cancel(batchId, reason) : batches.cancelJob(batchId, jobId, reason);
            case "START" -> jobId == null ? BatchService.Outcome.CONFLICT : batches.startJob(batchId, jobId);
            default -> throw new InvalidEventException("unknown action '" + control.getAction()
                    + "'; expected START, PAUSE, RESUME or CANCEL");
        };
        if (outcome == BatchService.Outcome.NOT_FOUND) {
            throw new InvalidEventException("no batch " + batchId + (jobId == null ? "" : " with job " + jobId));
        }
        log.info("Control {} on {}{}: {}", action, batchId, jobId == null ? "" : "/" + jobId, outcome);
    }
}
