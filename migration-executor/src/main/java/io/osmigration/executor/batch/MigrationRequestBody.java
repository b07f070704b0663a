package io.osmigration.executor.batch;

import java.util.List;

import io.osmigration.executor.domain.BatchCommand;
import io.osmigration.platform.events.EventHeaders;

/** The body of POST /api/v1/migrations; checked by the same validator as Kafka submissions. */
public record MigrationRequestBody(String requestId, String destinationOs, List<TargetBody> targets, String drillMode,
                                   Boolean acknowledgeRisks, Integer maxParallel, Integer failureThresholdPercent,
                                   List<String> autoRemediate) {

    public record TargetBody(String sourceId, String destinationOs) {
    }

    BatchCommand toCommand() {
        List<BatchCommand.Target> mapped = targets == null ? null : targets.stream()
                .map(t -> t == null ? null : new BatchCommand.Target(t.sourceId(), t.destinationOs()))
                .collect(java.util.stream.Collectors.toList());
        String submissionId = requestId == null ? null : EventHeaders.deterministicId("request:" + requestId);
        return new BatchCommand(requestId, destinationOs, mapped, drillMode, acknowledgeRisks, maxParallel,
                failureThresholdPercent, autoRemediate, submissionId);
    }
}
