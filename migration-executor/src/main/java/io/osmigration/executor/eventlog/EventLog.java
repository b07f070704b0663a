package io.osmigration.executor.eventlog;

import java.util.EnumSet;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Service;

import io.osmigration.events.EventHeader;
import io.osmigration.events.MigrationControlRequested;
import io.osmigration.events.MigrationRequested;
import io.osmigration.executor.batch.BatchStore;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.job.JobStore;
import io.osmigration.platform.events.EventHeaders;

/**
 * Decides which batch (and job) an event belongs to and stores it; events of no job or batch of ours are not kept.
 * Batch events (keyed by batch id) carry their batch; submissions (MigrationRequested) are not kept: the batch they
 * create tells its own story, starting with BatchAccepted.
 */
@Service
class EventLog {

    private final EventStore store;
    private final JobStore jobs;
    private final BatchStore batches;

    EventLog(EventStore store, JobStore jobs, BatchStore batches) {
        this.store = store;
        this.jobs = jobs;
        this.batches = batches;
    }

    void record(String topic, String key, SpecificRecord event) {
        if (event instanceof MigrationRequested) {
            return;
        }
        EventHeader header = EventHeaders.of(event);
        if (event instanceof MigrationControlRequested control) {
            store.append(topic, event, control.getBatchId(), control.getJobId(), key);
            return;
        }
        String batchId = batchIdField(event);
        if (batchId != null) {
            if (batches.find(batchId).isPresent()) {
                store.append(topic, event, batchId, null, null);
            }
            return;
        }
        Optional<Job> job = header.getJobId() != null ? jobs.find(header.getJobId())
                : key == null ? Optional.empty() : jobs.latestOfSource(key, EnumSet.allOf(JobState.class));
        job.ifPresent(found -> store.append(topic, event, found.batchId(), found.jobId(), found.sourceId()));
    }

    /** The {@code batchId} field that batch events (BatchAccepted, BatchFinished, …) have. */
    private static String batchIdField(SpecificRecord event) {
        Schema.Field field = event.getSchema().getField("batchId");
        return field == null ? null : String.valueOf(event.get(field.pos()));
    }
}
