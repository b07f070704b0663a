package io.osmigration.executor.batch;

import java.time.Clock;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import io.osmigration.events.BatchAccepted;
import io.osmigration.events.BatchCancelled;
import io.osmigration.events.BatchFinished;
import io.osmigration.events.BatchPaused;
import io.osmigration.events.BatchResumed;
import io.osmigration.events.EventHeader;
import io.osmigration.executor.MigrationExecutorApplication;
import io.osmigration.executor.domain.Batch;
import io.osmigration.executor.domain.BatchEvent;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.outbox.OutboxMessage;

/** The Avro events of a batch's domain events, keyed by batch id, with ids derived from (batch, fact). */
final class BatchEventMapper {

    private final Clock clock;

    BatchEventMapper(Clock clock) {
        this.clock = clock;
    }

    List<OutboxMessage> toOutbox(Batch batch, List<BatchEvent> events) {
        return events.stream().map(event -> OutboxMessage.of(batch.batchId(), toAvro(batch, event))).toList();
    }

    SpecificRecord toAvro(Batch batch, BatchEvent event) {
        EventHeader header = EventHeaders.deterministic(MigrationExecutorApplication.SERVICE_NAME,
                batch.batchId() + ":" + event.fact(), batch.batchId(), null, batch.submissionId(), clock);
        if (event instanceof BatchEvent.Accepted accepted) {
            return BatchAccepted.newBuilder().setHeader(header).setBatchId(batch.batchId())
                    .setRequestId(batch.requestId()).setTotal(batch.total()).setDestinationOs(batch.destinationOs())
                    .setDrillMode(batch.drillMode().name()).setMaxParallel(batch.maxParallel())
                    .setFailureThresholdPercent(batch.failureThresholdPercent()).setBy(accepted.by()).build();
        }
        if (event instanceof BatchEvent.Paused paused) {
            return BatchPaused.newBuilder().setHeader(header).setBatchId(batch.batchId()).setBy(paused.by())
                    .setReason(paused.reason()).build();
        }
        if (event instanceof BatchEvent.Resumed resumed) {
            return BatchResumed.newBuilder().setHeader(header).setBatchId(batch.batchId()).setBy(resumed.by())
                    .build();
        }
        if (event instanceof BatchEvent.Cancelled cancelled) {
            return BatchCancelled.newBuilder().setHeader(header).setBatchId(batch.batchId()).setBy(cancelled.by())
                    .setReason(cancelled.reason()).build();
        }
        BatchEvent.Finished finished = (BatchEvent.Finished) event;
        return BatchFinished.newBuilder().setHeader(header).setBatchId(batch.batchId())
                .setState(finished.state().name()).setTotal(finished.total()).setCounts(finished.counts()).build();
    }
}
