package io.osmigration.executor.batch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.osmigration.executor.job.BatchDocument;
import io.osmigration.executor.job.JobDocument;

/** Batches newest first, each with its jobs counted per state: the batch list of the API and of the dashboard. */
@Component
public class BatchSummaries {

    public static final List<String> STATES = List.of(BatchDocument.RUNNING, BatchDocument.PAUSED,
            BatchDocument.COMPLETED, BatchDocument.CANCELLED);

    private final MongoTemplate mongo;

    public BatchSummaries(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(BatchDocument.COLLECTION).createIndex(new Index().on("createdAt", Sort.Direction.DESC)
                .named("createdAt"));
        mongo.indexOps(BatchDocument.COLLECTION).createIndex(new Index().on("state", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC).named("state_createdAt"));
    }

    /** @param state one of {@link #STATES}, or null for all */
    public List<BatchSummary> page(String state, int page, int size) {
        Query query = filter(state).with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("_id")))
                .skip((long) page * size).limit(size);
        return mongo.find(query, BatchDocument.class).stream().map(this::summary).toList();
    }

    public long count(String state) {
        return mongo.count(filter(state), BatchDocument.class);
    }

    private static Query filter(String state) {
        return state == null ? new Query() : new Query(Criteria.where("state").is(state));
    }

    private BatchSummary summary(BatchDocument batch) {
        Query jobs = new Query(Criteria.where("batchId").is(batch.id));
        jobs.fields().include("state");
        Map<String, Integer> counts = new TreeMap<>();
        mongo.find(jobs, Document.class, JobDocument.COLLECTION)
                .forEach(job -> counts.merge(String.valueOf(job.getString("state")), 1, Integer::sum));
        return new BatchSummary(batch.id, batch.requestId, batch.state, batch.reason, batch.destinationOs,
                batch.drillMode, batch.total, batch.createdAt, counts);
    }

    /** A batch with its jobs counted per state. */
    public record BatchSummary(String batchId, String requestId, String state, String reason, String destinationOs,
                               String drillMode, int total, Instant createdAt, Map<String, Integer> counts) {
    }
}
