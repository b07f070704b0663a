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
import io.osmigration.events.MigrationRequested;
import io.osmigration.events.MigrationTarget;
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
 * Plays source-registry, precheck-service and snapshot-service for the executor's tests: imports sources, answers
 * each released job with PrecheckPassed (or PrecheckFailed) and SnapshotsCreated, and a MigrationFailed that needs a
 * rollback with DisksRolledBack. Sources can be told to fail their precheck or to hold their snapshots.
 */
final class FakePeers implements AutoCloseable {

    private final EventPublisher publisher;
    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec = new EventCodec();
    private final Clock clock = Clock.systemUTC();
    private final Set<String> failPrecheck = ConcurrentHashMap.newKeySet();
    private final Set<String> holdSnapshots = ConcurrentHashMap.newKeySet();
    private final Set<String> failSnapshots = ConcurrentHashMap.newKeySet();
    private final Map<String, MigrationTarget> held = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    FakePeers(String bootstrapServers) {
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

    void failSnapshotsOf(String sourceId) {
        failSnapshots.add(sourceId);
    }

    void holdSnapshotsOf(String sourceId) {
        holdSnapshots.add(sourceId);
    }

    /** Sends the held SnapshotsCreated of a job now. */
    void releaseSnapshots(String jobId) {
        MigrationTarget target = held.remove(jobId);
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
        if (event instanceof MigrationRequested requested && EventHeaders.of(requested).getJobId() != null) {
            EventHeader cause = requested.getHeader();
            MigrationTarget target = requested.getTargets().get(0);
            if (failPrecheck.contains(target.getSourceId())) {
                send(target.getSourceId(), PrecheckFailed.newBuilder().setHeader(header("precheck", target, cause))
                        .setPrecheckId("p-" + target.getJobId()).setSourceId(target.getSourceId())
                        .setInstanceId(target.getInstanceId()).setRegionId(target.getRegionId())
                        .setDestinationOs(target.getDestinationOs())
                        .setFindings(List.of(Finding.newBuilder().setCode("I386_PACKAGES").setSeverity("CRITICAL")
                                .setTitle("32-bit packages installed").setDetail("glibc.i686")
                                .setRemediationHint("Remove the i686 packages").build()))
                        .build());
                return;
            }
            send(target.getSourceId(), PrecheckPassed.newBuilder().setHeader(header("precheck", target, cause))
                    .setPrecheckId("p-" + target.getJobId()).setSourceId(target.getSourceId())
                    .setInstanceId(target.getInstanceId()).setRegionId(target.getRegionId())
                    .setDestinationOs(target.getDestinationOs()).build());
            if (failSnapshots.contains(target.getSourceId())) {
                send(target.getSourceId(), SnapshotCreationFailed.newBuilder()
                        .setHeader(header("snapshots", target, cause)).setSourceId(target.getSourceId())
                        .setInstanceId(target.getInstanceId()).setRegionId(target.getRegionId())
                        .setReason("snapshot s-1 of disk d-1 ended in status failed").build());
            } else if (holdSnapshots.contains(target.getSourceId())) {
                held.put(target.getJobId(), target);
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

    private void snapshotsCreated(MigrationTarget target, EventHeader cause) {
        String disk = "d-" + target.getInstanceId().substring(2);
        send(target.getSourceId(), SnapshotsCreated.newBuilder()
                .setHeader(header("snapshots", target, cause))
                .setSourceId(target.getSourceId()).setInstanceId(target.getInstanceId())
                .setRegionId(target.getRegionId())
                .setSnapshots(List.of(SnapshotInfo.newBuilder().setSnapshotId("s-" + target.getJobId())
                        .setSnapshotName("SMC_Backup_Snapshot_" + target.getJobId() + "_" + disk).setDiskId(disk)
                        .setSizeGiB(40).build()))
                .build());
    }

    private EventHeader header(String fact, MigrationTarget target, EventHeader cause) {
        String batchId = cause == null ? null : cause.getBatchId();
        return EventHeaders.deterministic("fake-peers", "fake-" + fact + ":" + target.getJobId(), batchId,
                target.getJobId(), cause == null ? null : cause.getEventId(), clock);
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
