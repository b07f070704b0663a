package io.osmigration.allinone;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

/**
 * Where a batch's jobs are, read from each service's own MongoDB collections: the executor's job state (and, while
 * MIGRATING, its current step), precheck-service's checks (queued or running) and snapshot-service's stage. Sampled
 * over a run, the counts tell which stage the jobs queue in.
 */
final class StageSampler implements AutoCloseable {

    private final MongoClient mongo;

    StageSampler(String mongoUri) {
        this.mongo = MongoClients.create(mongoUri);
    }

    /** Instance id → the executor's state of its job in the batch. */
    Map<String, String> jobStates(String batchId) {
        Map<String, String> states = new HashMap<>();
        for (Document doc : mongo.getDatabase("osm_executor").getCollection("jobs")
                .find(Filters.eq("batchId", batchId)).projection(Projections.include("state", "job.instanceId"))) {
            Document job = doc.get("job", Document.class);
            states.put(job.getString("instanceId"), doc.getString("state"));
        }
        return states;
    }

    /** Jobs of the batch per stage, now. */
    Map<String, Integer> sample(String batchId) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Document doc : mongo.getDatabase("osm_executor").getCollection("jobs")
                .find(Filters.eq("batchId", batchId))
                .projection(Projections.include("state", "job.steps.name", "job.steps.status"))) {
            String state = doc.getString("state");
            String stage = "executor." + state;
            if ("MIGRATING".equals(state)) {
                List<Document> steps = doc.get("job", Document.class).getList("steps", Document.class, List.of());
                stage += "." + steps.stream().filter(step -> !"SUCCEEDED".equals(step.getString("status")))
                        .map(step -> step.getString("name")).findFirst().orElse("-");
            }
            if (!"COMPLETED".equals(state)) {
                counts.merge(stage, 1, Integer::sum);
            }
        }
        for (Document doc : mongo.getDatabase("osm_precheck").getCollection("prechecks")
                .find(Filters.and(Filters.eq("batchId", batchId), Filters.eq("status", "RUNNING")))
                .projection(Projections.include("startedAt"))) {
            counts.merge(doc.get("startedAt") == null ? "precheck.queued" : "precheck.running", 1, Integer::sum);
        }
        for (Document doc : mongo.getDatabase("osm_snapshot").getCollection("job_snapshots")
                .find(Filters.eq("job.batchId", batchId)).projection(Projections.include("job.stage"))) {
            String stage = String.valueOf(doc.get("job", Document.class).get("stage"));
            // the stages a job waits in before its migration; AVAILABLE and later are snapshots held meanwhile
            if ("DISCOVERING".equals(stage) || "CREATING".equals(stage) || "CLEANING_UP".equals(stage)) {
                counts.merge("snapshot." + stage, 1, Integer::sum);
            }
        }
        return counts;
    }

    /**
     * Which replica took the batch's documents, per service: the replica part of each document's newest lease holder
     * ({@code <replica>#<claim>@<thread>}), counted; "-" for documents no replica has claimed.
     */
    Map<String, Map<String, Integer>> replicas(String batchId) {
        Map<String, Map<String, Integer>> byService = new TreeMap<>();
        count(byService, "executor", mongo.getDatabase("osm_executor").getCollection("jobs")
                .find(Filters.eq("batchId", batchId)).projection(Projections.include("lease.holder")));
        count(byService, "precheck", mongo.getDatabase("osm_precheck").getCollection("prechecks")
                .find(Filters.eq("batchId", batchId)).projection(Projections.include("lease.holder")));
        count(byService, "snapshot", mongo.getDatabase("osm_snapshot").getCollection("job_snapshots")
                .find(Filters.eq("job.batchId", batchId)).projection(Projections.include("lease.holder")));
        return byService;
    }

    private static void count(Map<String, Map<String, Integer>> byService, String service, Iterable<Document> docs) {
        Map<String, Integer> counts = byService.computeIfAbsent(service, s -> new TreeMap<>());
        for (Document doc : docs) {
            Document lease = doc.get("lease", Document.class);
            String holder = lease == null ? null : lease.getString("holder");
            counts.merge(holder == null ? "-" : holder.substring(0, Math.max(0, holder.indexOf('#'))), 1,
                    Integer::sum);
        }
    }

    /** Samples the batch every {@code every} until stopped, printing each sample; integrates the counts. */
    Occupancy watch(String batchId, java.time.Duration every, String label) {
        Occupancy occupancy = new Occupancy();
        Thread thread = new Thread(() -> {
            long start = System.nanoTime();
            long previous = start;
            Map<String, Integer> last = Map.of();
            while (!occupancy.stopped) {
                try {
                    Map<String, Integer> now = sample(batchId);
                    long at = System.nanoTime();
                    double dt = (at - previous) / 1e9;
                    // the trapezoid between two samples
                    Map<String, Integer> before = last;
                    now.forEach((stage, count) -> occupancy.jobSeconds.merge(stage,
                            dt * (count + before.getOrDefault(stage, 0)) / 2, Double::sum));
                    before.forEach((stage, count) -> {
                        if (!now.containsKey(stage)) {
                            occupancy.jobSeconds.merge(stage, dt * count / 2, Double::sum);
                        }
                    });
                    previous = at;
                    last = now;
                    System.out.printf("SAMPLE %s t=%.0f %s%n", label, (at - start) / 1e9, now);
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    System.out.println("SAMPLE " + label + " failed: " + e);
                }
            }
        }, "bench-stages");
        thread.setDaemon(true);
        occupancy.thread = thread;
        thread.start();
        return occupancy;
    }

    static final class Occupancy {
        private final Map<String, Double> jobSeconds = new ConcurrentHashMap<>();
        private volatile boolean stopped;
        private Thread thread;

        void stop() throws InterruptedException {
            stopped = true;
            thread.interrupt();
            thread.join(10_000);
        }

        /** Job-seconds in each stage over {@code jobs}: the mean time one job spent there. */
        Map<String, Double> secondsPerJob(int jobs) {
            Map<String, Double> perJob = new TreeMap<>();
            jobSeconds.forEach((stage, seconds) -> perJob.put(stage, seconds / jobs));
            return perJob;
        }
    }

    @Override
    public void close() {
        mongo.close();
    }
}
