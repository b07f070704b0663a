package io.osmigration.executor.metrics;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.osmigration.executor.batch.BatchStore;
import io.osmigration.executor.domain.BatchState;
import io.osmigration.executor.domain.Destinations;
import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.job.JobStore;
import io.osmigration.platform.metrics.CachedReading;

/**
 * {@code osm_jobs{state, destination}} and {@code osm_batches{state}}: how many there are, counted by one aggregation
 * over the stored jobs (and batches) at most every {@value #MAX_AGE_SECONDS} s, not by counting requests, so the
 * numbers are right after a restart and the same on every replica (aggregate them with {@code max}, not {@code sum}).
 * Every state and destination has its series, 0 included, so an alert on {@code osm_jobs{state="FAILED"} > 0} works
 * from the start.
 */
@Component
class JobGauges implements MeterBinder {

    static final String JOBS = "osm.jobs";
    static final String BATCHES = "osm.batches";
    private static final int MAX_AGE_SECONDS = 5;

    private final MongoTemplate mongo;
    private final Destinations destinations;
    private final CachedReading<Map<String, Long>> jobs;
    private final CachedReading<Map<String, Long>> batches;

    JobGauges(MongoTemplate mongo, Destinations destinations) {
        this.mongo = mongo;
        this.destinations = destinations;
        this.jobs = CachedReading.of(Duration.ofSeconds(MAX_AGE_SECONDS), Map.of(), this::countJobs);
        this.batches = CachedReading.of(Duration.ofSeconds(MAX_AGE_SECONDS), Map.of(), this::countBatches);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (JobState state : JobState.values()) {
            for (String destination : destinations.ids()) {
                String key = state.name() + "|" + destination;
                Gauge.builder(JOBS, jobs, reading -> reading.get().getOrDefault(key, 0L))
                        .description("Jobs by state and destination OS").tags("state", state.name(),
                                "destination", destination).register(registry);
            }
        }
        for (BatchState state : BatchState.values()) {
            Gauge.builder(BATCHES, batches, reading -> reading.get().getOrDefault(state.name(), 0L))
                    .description("Batches by state").tag("state", state.name()).register(registry);
        }
    }

    private Map<String, Long> countJobs() {
        Map<String, Long> counts = new HashMap<>();
        List<Document> pipeline = List.of(new Document("$group", new Document("_id", new Document("state", "$state")
                .append("destination", "$job.destinationOs")).append("n", new Document("$sum", 1))));
        for (Document row : mongo.getCollection(JobStore.COLLECTION).aggregate(pipeline)) {
            Document id = row.get("_id", Document.class);
            counts.merge(id.getString("state") + "|" + id.getString("destination"),
                    ((Number) row.get("n")).longValue(), Long::sum);
        }
        return counts;
    }

    private Map<String, Long> countBatches() {
        Map<String, Long> counts = new HashMap<>();
        List<Document> pipeline = List.of(new Document("$group", new Document("_id", "$state")
                .append("n", new Document("$sum", 1))));
        for (Document row : mongo.getCollection(BatchStore.COLLECTION).aggregate(pipeline)) {
            counts.put(String.valueOf(row.get("_id")), ((Number) row.get("n")).longValue());
        }
        return counts;
    }
}
