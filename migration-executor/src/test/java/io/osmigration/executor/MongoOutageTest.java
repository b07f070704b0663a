package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.osmigration.executor.batch.BatchService;
import io.osmigration.executor.domain.BatchCommand;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.job.JobStore;
import io.osmigration.infra.EmbeddedMongoServer;

/**
 * MongoDB goes away for a minute in the middle of a batch and comes back: the Kafka listeners wait it out instead of
 * dead-lettering what they could not store, the workers pick up where they were, and every job ends. The replica has
 * a MongoDB server of its own (on disk, so it comes back with its data), the test environment's broker, simulator
 * and fake peers.
 */
class MongoOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final String GROUP = "migration-executor-outage";
    private final TestEnvironment env = TestEnvironment.get();

    @Test
    void aMinuteWithoutMongoDbMidBatchDeadLettersNothingAndEveryJobEnds() throws IOException {
        Path data = Files.createTempDirectory("osm-outage-mongo-");
        List<String> instances = List.of(TestFleet.clean(15), TestFleet.clean(16), TestFleet.clean(17),
                TestFleet.clean(18), TestFleet.clean(19), TestFleet.clean(20));
        // Two of them get their snapshots only while MongoDB is away: those events must wait, not go to a DLT.
        List<String> lateSnapshots = List.of(TestFleet.clean(19), TestFleet.clean(20));
        lateSnapshots.forEach(id -> env.peers.holdSnapshotsOf(TestFleet.sourceId(id)));
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.builder().port(0).dataDir(data).build().start();
             ConfigurableApplicationContext replica = ReplicaSupport.start(GROUP, "osm_executor_outage",
                     "--spring.mongodb.uri=" + mongo.connectionString() + "/?serverSelectionTimeoutMS=3000",
                     "--osm.kafka.transient-retry-backoff=1s",
                     "--osm.kafka.transient-retry-max-backoff=10s",
                     "--osm.kafka.transient-retry-for=PT5M")) {
            BatchCommand command = new BatchCommand("outage-" + UUID.randomUUID(), "anolis8",
                    instances.stream().map(id -> new BatchCommand.Target(TestFleet.sourceId(id), null)).toList(),
                    "NONE", true, instances.size(), null, null, null);
            String batchId = replica.getBean(BatchService.class).submit(command, "test").batch().batchId();
            JobStore jobs = replica.getBean(JobStore.class);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> jobs
                    .ofBatch(batchId).stream().anyMatch(job -> job.anyStepStarted()));
            List<String> held = jobs.ofBatch(batchId).stream()
                    .filter(job -> lateSnapshots.contains(job.instanceId())).map(Job::jobId).toList();
            await().atMost(Duration.ofSeconds(60)).until(() -> held.stream().allMatch(env.peers::holds));

            mongo.stop();
            held.forEach(env.peers::releaseSnapshots);
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(10)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> deadLetteredByTheReplica().isEmpty());
            mongo.start();

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(jobs.ofBatch(batchId)).hasSize(instances.size())
                            .extracting(Job::state).containsOnly(JobState.COMPLETED));
            assertThat(deadLetteredByTheReplica()).isEmpty();
        }
    }

    /**
     * What the replica dead-lettered for a reason other than a poison record. (Its own database knows nothing of
     * other test classes' batches, whose controls it refuses as invalid when it reads the topics from the start.)
     */
    private List<KafkaRecorder.Received> deadLetteredByTheReplica() {
        return env.recorder.all().stream().filter(r -> r.topic().endsWith(".DLT"))
                .filter(r -> String.valueOf(r.headers().get("kafka_dlt-original-consumer-group")).startsWith(GROUP))
                .filter(r -> !String.valueOf(r.headers().get("osm-dlt-reason")).startsWith("InvalidEventException"))
                .toList();
    }
}
