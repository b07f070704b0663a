package io.osmigration.executor.batch;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import io.osmigration.executor.domain.Batch;
import io.osmigration.executor.domain.BatchState;
import io.osmigration.executor.job.JobStore;

/** Batches newest first, each with its jobs counted per state: the batch list of the API and of the dashboard. */
@Component
public class BatchSummaries {

    public static final List<String> STATES = Arrays.stream(BatchState.values()).map(Enum::name).toList();

    private final BatchStore batches;
    private final JobStore jobs;

    BatchSummaries(BatchStore batches, JobStore jobs) {
        this.batches = batches;
        this.jobs = jobs;
    }

    /** @param state one of {@link #STATES}, or null for all */
    public List<BatchSummary> page(String state, int page, int size) {
        return batches.page(parse(state), page, size).stream().map(this::summary).toList();
    }

    public long count(String state) {
        return batches.count(parse(state));
    }

    private static BatchState parse(String state) {
        return state == null ? null : BatchState.valueOf(state);
    }

    private BatchSummary summary(Batch batch) {
        Map<String, Integer> counts = new TreeMap<>(jobs.counts(batch.batchId()).asMap());
        return new BatchSummary(batch.batchId(), batch.requestId(), batch.state().name(), batch.reason(),
                batch.destinationOs(), batch.drillMode().name(), batch.total(), batch.createdAt(), counts);
    }

    /** A batch with its jobs counted per state. */
    public record BatchSummary(String batchId, String requestId, String state, String reason, String destinationOs,
                               String drillMode, int total, Instant createdAt, Map<String, Integer> counts) {
    }
}
