package io.osmigration.precheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.client.ReactorResourceFactory;

import io.osmigration.events.Finding;
import io.osmigration.events.PrecheckFailed;
import io.osmigration.events.PrecheckPassed;
import io.osmigration.platform.cloud.assistant.Invocation;
import io.osmigration.platform.lease.Leases;
import io.osmigration.precheck.facts.CloudAssistantFacts;
import io.osmigration.precheck.IntegrationTestBase;
import io.osmigration.precheck.PrecheckServiceApplication;
import io.osmigration.simulator.ApiCall;

/**
 * Two replicas of precheck-service on the same Kafka and MongoDB: this test's shared context ("B") and a second
 * context ("A") started here with a short check deadline and one check at a time. A check lives in MongoDB, not in a
 * replica: when A stops in the middle of one, B finishes it; a claim left behind by a replica that died is taken over
 * once it runs out, and never before; a hanging Cloud Assistant ends a check at its deadline. Each time there is one
 * result event and one invocation of the collector on the instance.
 *
 * <p>"Mid-check" is real: a gate planted in the instance's fake root ({@code usr/local/sbin/rpm}, first on the
 * simulator's PATH) holds the collector script on the instance until the test opens it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaTakeoverTest extends IntegrationTestBase {

    private static final Duration REPLICA_A_DEADLINE = Duration.ofSeconds(4);
    private static ConfigurableApplicationContext replicaA;

    @Autowired
    private CheckWorker workerB;
    @Autowired
    private MongoTemplate mongo;
    @Autowired
    private PrecheckService precheckService;
    @Autowired
    private CloudAssistantFacts cloudAssistantFacts;

    private final List<Gate> gates = new ArrayList<>();

    @BeforeAll
    static void startReplicaA() {
        List<String> args = new ArrayList<>(List.of("--spring.config.name=precheck-service",
                "--spring.application.name=precheck-service", "--server.port=0", "--spring.jmx.enabled=false",
                "--osm.cloud-assistant.poll-initial=50ms", "--osm.cloud-assistant.poll-max=200ms",
                "--osm.migration.experimental-paths=true", "--osm.precheck.facts-timeout=30s",
                "--osm.precheck.check-timeout=" + REPLICA_A_DEADLINE, "--osm.precheck.max-concurrent-checks=1",
                "--osm.precheck.queue-poll-interval=100ms", "--osm.kafka.retry-attempts=1"));
        infrastructureProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        // Its own Netty resources: closing a context that uses Reactor Netty's global ones disposes them for every
        // server in the JVM (this test's other replica and the simulator included).
        replicaA = new SpringApplicationBuilder(PrecheckServiceApplication.class).registerShutdownHook(false)
                .initializers(context -> ((GenericApplicationContext) context).registerBean(
                        ReactorResourceFactory.class, () -> {
                            ReactorResourceFactory resources = new ReactorResourceFactory();
                            resources.setUseGlobalResources(false);
                            return resources;
                        }))
                .run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stopReplicaA() {
        if (replicaA != null && replicaA.isActive()) {
            replicaA.close();
        }
    }

    @AfterEach
    void openGatesAndStartB() {
        gates.forEach(Gate::remove);
        if (!workerB.isRunning()) {
            workerB.start();
        }
    }

    @Test
    @Order(1)
    void aHangingCloudAssistantEndsTheCheckAtItsDeadlineAndTheNextCheckRunsRightAfter() {
        workerB.stop(); // replica A alone works the queue
        String hanging = "i-bp1demo000000000007";
        gates.add(Gate.plant(hanging));
        String hangingJob = randomId("j-");
        String nextJob = randomId("j-");
        String batchId = randomId("b-");
        String hangingSource = randomId("s-");
        String nextSource = randomId("s-");
        send(hangingSource, jobReleased(batchId, hangingJob, hangingSource, hanging, "alinux3"));
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(hangingJob).map(PrecheckDocument::startedAt).isPresent());
        // Queued behind it on a replica that runs one check at a time.
        send(nextSource, jobReleased(batchId, nextJob, nextSource, "i-bp1demo000000000010", "alinux3"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !results(hangingJob).isEmpty());
        assertThat(results(hangingJob)).singleElement().isInstanceOfSatisfying(PrecheckFailed.class,
                failed -> {
                    assertThat(failed.getFindings()).extracting(Finding::getCode).containsExactly("CHECK_TIMEOUT");
                    assertThat(failed.getFindings().get(0).getDetail())
                            .contains(hanging, "PT4S", "osm.precheck.check-timeout", "Cloud Assistant");
                });
        PrecheckDocument timedOut = check(hangingJob);
        assertThat(Duration.ofMillis(timedOut.durationMillis())).isGreaterThanOrEqualTo(REPLICA_A_DEADLINE);
        // The slot is free again at once: the check behind it ran, on the same replica, and passed.
        await().atMost(Duration.ofSeconds(30)).until(() -> !results(nextJob).isEmpty());
        assertThat(results(nextJob)).singleElement().isInstanceOf(PrecheckPassed.class);
        assertThat(check(nextJob).startedAt()).isAfterOrEqualTo(timedOut.finishedAt());
    }

    @Test
    @Order(2)
    void aCheckWhoseReplicaStopsMidCheckIsFinishedByTheOtherExactlyOnce() {
        workerB.stop();
        String instance = "i-bp1demo000000000006";
        Gate gate = Gate.plant(instance);
        gates.add(gate);
        Instant testStarted = Instant.now(); // other test classes ran checks on this instance before
        String jobId = randomId("j-");
        String sourceId = randomId("s-");
        String precheckId = PrecheckService.jobPrecheckId(jobId);
        send(sourceId, jobReleased(randomId("b-"), jobId, sourceId, instance, "alinux3"));

        // Replica A took the check up and the collector is running on the instance, held by the gate.
        await().atMost(Duration.ofSeconds(20)).until(() -> !runCommands(instance, precheckId).isEmpty()
                && stored(jobId).map(PrecheckDocument::collector).filter(Collector::started).isPresent());
        PrecheckDocument onA = check(jobId);
        assertThat(onA.attempts()).isEqualTo(1);
        String holderA = onA.lease().holder();
        workerB.start();
        replicaA.close(); // mid-check

        // B takes it over (A gave its claim back on the way down), finds the stored invocation and follows it.
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(jobId).map(PrecheckDocument::attempts).orElse(0) == 2);
        assertThat(check(jobId).lease().holder()).isNotEqualTo(holderA);
        assertThat(results(jobId)).isEmpty();
        gate.open();

        await().atMost(Duration.ofSeconds(30)).until(() -> !results(jobId).isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> results(jobId).size() == 1);
        SpecificRecord result = results(jobId).get(0);
        assertThat(result).isInstanceOfSatisfying(PrecheckPassed.class,
                passed -> assertThat(passed.getFactsStale()).as("fresh facts from the one invocation").isFalse());
        PrecheckDocument finished = check(jobId);
        assertThat(finished.status()).isEqualTo(PrecheckDocument.PASSED);
        assertThat(finished.attempts()).isEqualTo(2);
        // B followed the invocation A stored with the check: no second RunCommand, one invocation on the instance.
        assertThat(runCommands(instance, precheckId)).hasSize(1);
        assertThat(invocationsPolledSince(instance, testStarted)).hasSize(1);
        assertThat(finished.collector().invocation().invokeId()).isEqualTo(onA.collector().invocation().invokeId());
    }

    @Test
    @Order(3)
    void aClaimLeftByADeadReplicaIsTakenOverOnlyOnceItRunsOut() {
        workerB.stop();
        String instance = "i-bp1demo000000000020";
        String jobId = randomId("j-");
        String sourceId = randomId("s-");
        String precheckId = PrecheckService.jobPrecheckId(jobId);
        precheckService.startForJob(new JobCheckRequest("request-" + jobId, randomId("b-"), jobId, sourceId,
                instance, "cn-hangzhou", "alinux3", List.of()));
        // A replica claimed it and died at once: nobody renews or gives back its claim.
        new Leases(mongo, Clock.systemUTC(), "replica-that-died")
                .claim(PrecheckDocument.COLLECTION, precheckId, Duration.ofSeconds(3)).orElseThrow();
        workerB.start();

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> runCommands(instance, precheckId).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> !results(jobId).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> results(jobId).size() == 1);
        assertThat(results(jobId).get(0)).isInstanceOf(PrecheckPassed.class);
        assertThat(check(jobId).lease().holder()).doesNotStartWith("replica-that-died");
        assertThat(runCommands(instance, precheckId)).hasSize(1);
    }

    @Test
    @Order(4)
    void aCollectorSentByAReplicaThatDiedBeforeItStoredTheAnswerIsAskedForAgainAndRunsOnce() {
        workerB.stop();
        String instance = "i-bp1demo000000000021";
        Instant testStarted = Instant.now();
        String jobId = randomId("j-");
        String sourceId = randomId("s-");
        String precheckId = PrecheckService.jobPrecheckId(jobId);
        precheckService.startForJob(new JobCheckRequest("request-" + jobId, randomId("b-"), jobId, sourceId,
                instance, "cn-hangzhou", "alinux3", List.of()));
        // A replica claimed the check, stored its RunCommand, sent it, and died before it stored ECS's answer.
        new Leases(mongo, Clock.systemUTC(), "replica-that-died")
                .claim(PrecheckDocument.COLLECTION, precheckId, Duration.ofSeconds(2)).orElseThrow();
        String token = "osm-" + precheckId;
        mongo.updateFirst(Query.query(Criteria.where("_id").is(precheckId)), new Update().set("collector",
                new Collector(token, "cn-hangzhou", List.of(instance), null)), PrecheckDocument.class);
        Invocation sent = cloudAssistantFacts.start("cn-hangzhou", List.of(instance), token);
        workerB.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> !results(jobId).isEmpty());
        assertThat(results(jobId)).singleElement().isInstanceOfSatisfying(PrecheckPassed.class,
                passed -> assertThat(passed.getFactsStale()).as("fresh facts from the one invocation").isFalse());
        // B sent the stored request again, ECS answered with the invocation already running: one on the instance.
        assertThat(runCommands(instance, precheckId)).hasSize(2);
        assertThat(check(jobId).collector().invocation().invokeId()).isEqualTo(sent.invokeId());
        assertThat(invocationsPolledSince(instance, testStarted)).containsExactly(sent.invokeId());
    }

    /**
     * The job's result events, copies of one stored event counted once. With two replicas the outbox relays of both
     * may send the same stored event (at-least-once delivery; consumers drop it by event id). A second result would
     * be a different record (its own occurredAt, its own findings) and is counted.
     */
    private static List<SpecificRecord> results(String jobId) {
        return List.copyOf(new LinkedHashSet<>(precheckEventsOfJob(jobId)));
    }

    private Optional<PrecheckDocument> stored(String jobId) {
        return Optional.ofNullable(check(jobId));
    }

    private PrecheckDocument check(String jobId) {
        return mongo.findById(PrecheckService.jobPrecheckId(jobId), PrecheckDocument.class);
    }

    private static List<ApiCall> runCommands(String instanceId, String precheckId) {
        return simulator().engine().calls("RunCommand", instanceId).stream()
                .filter(call -> ("osm-" + precheckId).equals(call.params().get("ClientToken"))).toList();
    }

    /**
     * The invocations followed since {@code since} on the instance. The Cloud Assistant client follows an invocation
     * by its InvokeId alone (one call for all of its instances), so calls naming no instance count too; nothing else
     * runs checks while this test does.
     */
    private static Set<String> invocationsPolledSince(String instanceId, Instant since) {
        return simulator().engine().calls().stream()
                .filter(call -> "DescribeInvocationResults".equals(call.action()) && !call.time().isBefore(since))
                .filter(call -> call.instanceIds().isEmpty() || call.instanceIds().contains(instanceId))
                .map(call -> call.params().get("InvokeId")).collect(Collectors.toSet());
    }

    /** Holds the collector script on an instance (its {@code rpm -qa}) until opened. */
    private record Gate(Path stub, Path gateFile) {

        static Gate plant(String instanceId) {
            Path root = simulator().engine().root(instanceId);
            try {
                Path gateFile = Files.createTempFile("precheck-gate", ".open");
                Files.delete(gateFile);
                Path stub = root.resolve("usr/local/sbin/rpm");
                Files.createDirectories(stub.getParent());
                Files.writeString(stub, "#!/bin/sh\nwhile [ ! -e '" + gateFile + "' ]; do sleep 0.1; done\n"
                        + "exec '" + root.resolve("bin/rpm") + "' \"$@\"\n");
                Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
                return new Gate(stub, gateFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void open() {
            try {
                if (!Files.exists(gateFile)) {
                    Files.createFile(gateFile);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void remove() {
            open();
            try {
                Files.deleteIfExists(stub);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
