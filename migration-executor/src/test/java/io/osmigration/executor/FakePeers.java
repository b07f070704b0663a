package io.osmigration.executor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import io.osmigration.events.DisksRolledBack;
import io.osmigration.events.EventHeader;
import io.osmigration.events.Finding;
import io.osmigration.events.MigrationFailed;
import io.osmigration.events.JobReleased;
import io.osmigration.events.PrecheckFailed;
import io.osmigration.events.PrecheckPassed;
import io.osmigration.events.SnapshotCreationFailed;
import io.osmigration.events.SnapshotInfo;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.events.SourceFacts;
import io.osmigration.events.SourceImported;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.kafka.EventPublisher;
import io.osmigration.schemas.EventCodec;

/**
 * Plays source-registry, precheck-service and snapshot-service for the executor's tests: imports sources (in the
 * fake registry at once, on osm.sources right after), answers each released job (JobReleased) with PrecheckPassed
 * (or PrecheckFailed) and SnapshotsCreated, and a MigrationFailed that needs a rollback with DisksRolledBack. Sources
 * can be told to fail their precheck, to never answer it (a precheck whose Cloud Assistant hangs), or to hold their
 * snapshots.
 */
final class FakePeers implements AutoCloseable {

    private final EventPublisher publisher;
    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec = new EventCodec();
    private final Clock clock = Clock.systemUTC();
    private final FakeRegistry registry;
    private final Set<String> failPrecheck = ConcurrentHashMap.newKeySet();
    private final Set<String> silentPrecheck = ConcurrentHashMap.newKeySet();
    private final Set<String> holdSnapshots = ConcurrentHashMap.newKeySet();
    private final Set<String> failSnapshots = ConcurrentHashMap.newKeySet();
    private final Map<String, Target> held = new ConcurrentHashMap<>();
    private final Map<String, Integer> releases = new ConcurrentHashMap<>();

    /** A released job as the fake peers see it. */
    record Target(String jobId, String batchId, String sourceId, String instanceId, String regionId,
                  String destinationOs) {
    }
    private final Thread thread;
    private volatile boolean running = true;

    FakePeers(String bootstrapServers, FakeRegistry registry) {
        this.registry = registry;
        Map<String, Object> producer = new HashMap<>();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        publisher = new EventPublisher(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer)), codec);
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "fake-peers-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of("osm.migration.requests", "osm.migrations"));
        thread = new Thread(this::loop, "fake-peers");
        thread.setDaemon(true);
        thread.start();
    }

    EventPublisher publisher() {
        return publisher;
    }

    void failPrecheckOf(String sourceId) {
        failPrecheck.add(sourceId);
    }

    /** The precheck of this source never answers (its Cloud Assistant hangs). */
    void silencePrecheckOf(String sourceId) {
        silentPrecheck.add(sourceId);
    }

    /** How many JobReleased of this job the fake precheck saw. */
    int releasesOf(String jobId) {
        return releases.getOrDefault(jobId, 0);
    }

    void failSnapshotsOf(String sourceId) {
        failSnapshots.add(sourceId);
    }

    void holdSnapshotsOf(String sourceId) {
        holdSnapshots.add(sourceId);
    }

    /** Answers this source's snapshots at once again (those held so far stay held). */
    void stopHoldingSnapshotsOf(String sourceId) {
        holdSnapshots.remove(sourceId);
    }

    /** Sends the held SnapshotsCreated of a job now. */
    void releaseSnapshots(String jobId) {
        Target target = held.remove(jobId);
        if (target == null) {
            throw new IllegalStateException("no snapshots held for " + jobId);
        }
        snapshotsCreated(target, null);
    }

    boolean holds(String jobId) {
        return held.containsKey(jobId);
    }

    void importSource(String instanceId) {
        String sourceId = TestFleet.sourceId(instanceId);
        registry.imported(sourceId, instanceId, TestFleet.REGION);
        SourceFacts facts = SourceFacts.newBuilder().setOsId("centos").setOsVersionId("7")
                .setOsPrettyName("CentOS Linux 7 (Core)").setArch("x86_64").setCollectedAt(clock.instant()).build();
        send(sourceId, SourceImported.newBuilder()
                .setHeader(EventHeaders.random("source-registry", null, null, null, clock.instant()))
                .setSourceId(sourceId).setInstanceId(instanceId).setRegionId(TestFleet.REGION)
                .setImportMethod("ECS").setStatus("ONLINE").setFacts(facts).build());
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    try {
                        react(codec.decode(record.value()));
                    } catch (RuntimeException ignored) {
                        // garbage records of other tests
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void react(SpecificRecord event) {
        if (event instanceof JobReleased released) {
            EventHeader cause = released.getHeader();
            Target target = new Target(cause.getJobId(), cause.getBatchId(), released.getSourceId(),
                    released.getInstanceId(), released.getRegionId(), released.getDestinationOs());
            releases.merge(target.jobId(), 1, Integer::sum);
            if (silentPrecheck.contains(target.sourceId())) {
                return;
            }
            if (failPrecheck.contains(target.sourceId())) {
                send(target.sourceId(), PrecheckFailed.newBuilder().setHeader(header("precheck", target, cause))
                        .setPrecheckId("p-" + target.jobId()).setSourceId(target.sourceId())
                        .setInstanceId(target.instanceId()).setRegionId(target.regionId())
                        .setDestinationOs(target.destinationOs())
                        .setFindings(List.of(Finding.newBuilder().setCode("I386_PACKAGES").setSeverity("CRITICAL")
                                .setTitle("32-bit packages installed").setDetail("glibc.i686")
                                .setRemediationHint("Remove the i686 packages").build()))
                        .build());
                return;
            }
            send(target.sourceId(), PrecheckPassed.newBuilder().setHeader(header("precheck", target, cause))
                    .setPrecheckId("p-" + target.jobId()).setSourceId(target.sourceId())
                    .setInstanceId(target.instanceId()).setRegionId(target.regionId())
                    .setDestinationOs(target.destinationOs()).build());
            if (failSnapshots.contains(target.sourceId())) {
                send(target.sourceId(), SnapshotCreationFailed.newBuilder()
                        .setHeader(header("snapshots", target, cause)).setSourceId(target.sourceId())
                        .setInstanceId(target.instanceId()).setRegionId(target.regionId())
                        .setReason("snapshot s-1 of disk d-1 ended in status failed").build());
            } else if (holdSnapshots.contains(target.sourceId())) {
                held.put(target.jobId(), target);
            } else {
                snapshotsCreated(target, cause);
            }
        } else if (event instanceof MigrationFailed failed && failed.getRollbackRequired()) {
            EventHeader cause = failed.getHeader();
            send(failed.getSourceId(), DisksRolledBack.newBuilder()
                    .setHeader(EventHeaders.deterministic("snapshot-service", "fake-rollback:" + cause.getJobId(),
                            cause.getBatchId(), cause.getJobId(), cause.getEventId(), clock))
                    .setSourceId(failed.getSourceId()).setInstanceId(failed.getInstanceId())
                    .setRegionId(failed.getRegionId()).setRestoredOs("CentOS Linux 7 (Core)").build());
        }
    }

    private void snapshotsCreated(Target target, EventHeader cause) {
        String disk = "d-" + target.instanceId().substring(2);
        send(target.sourceId(), SnapshotsCreated.newBuilder()
                .setHeader(header("snapshots", target, cause))
                .setSourceId(target.sourceId()).setInstanceId(target.instanceId())
                .setRegionId(target.regionId())
                .setSnapshots(List.of(SnapshotInfo.newBuilder().setSnapshotId("s-" + target.jobId())
                        .setSnapshotName("SMC_Backup_Snapshot_" + target.jobId() + "_" + disk).setDiskId(disk)
                        .setSizeGiB(40).build()))
                .build());
    }

    private EventHeader header(String fact, Target target, EventHeader cause) {
        String batchId = cause == null ? target.batchId() : cause.getBatchId();
        return EventHeaders.deterministic("fake-peers", "fake-" + fact + ":" + target.jobId(), batchId,
                target.jobId(), cause == null ? null : cause.getEventId(), clock);
    }

    private void send(String key, SpecificRecord event) {
        publisher.publish(key, event).join();
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
