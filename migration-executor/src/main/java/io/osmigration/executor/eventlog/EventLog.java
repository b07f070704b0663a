package io.osmigration.executor.eventlog;

import java.util.List;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.stereotype.Service;

import io.osmigration.events.EventHeader;
import io.osmigration.events.MigrationControlRequested;
import io.osmigration.events.MigrationRequested;
import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.job.JobDocument;
import io.osmigration.executor.job.JobStore;
import io.osmigration.platform.events.EventHeaders;

/** Decides which job (and batch) an event belongs to and stores it; events of no job of ours are not kept. */
@Service
public class EventLog {

    private final EventStore store;
    private final JobStore jobs;

    public EventLog(EventStore store, JobStore jobs) {
        this.store = store;
        this.jobs = jobs;
    }

    void record(String topic, String key, SpecificRecord event) {
        EventHeader header = EventHeaders.of(event);
        if (event instanceof MigrationControlRequested control) {
            store.append(topic, event, control.getBatchId(), control.getJobId(), key);
            return;
        }
        if (event instanceof MigrationRequested && header.getJobId() == null) {
            // A batch submission: it belongs to the batch it creates, whose jobs then tell the story.
            return;
        }
        Optional<JobDocument> job = header.getJobId() != null ? jobs.find(header.getJobId())
                : key == null ? Optional.empty() : jobs.latestOfSource(key, List.of(JobState.values()));
        job.ifPresent(found -> store.append(topic, event, found.batchId, found.id, found.sourceId));
    }
}
