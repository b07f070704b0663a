package io.osmigration.precheck;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.osmigration.events.JobReleased;
import io.osmigration.events.MigrationRequested;
import io.osmigration.events.MigrationTarget;
import io.osmigration.events.SourceImported;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.facts.FactsMapping;
import io.osmigration.platform.facts.ServerFacts;
import io.osmigration.platform.kafka.EventPublisher;
import io.osmigration.schemas.EventCodec;
import io.osmigration.schemas.Topics;


/**
 * The one Spring context all integration tests share (same configuration → cached), wired to the shared embedded
 * Kafka and MongoDB and the in-process ECS simulator with its demo fleet.
 */
@SpringBootTest(classes = PrecheckServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=precheck-service", "spring.application.name=precheck-service",
                // Fast polls against the simulator; the alinux destinations the tests use are experimental paths.
                "osm.cloud-assistant.poll-initial=50ms", "osm.cloud-assistant.poll-max=200ms",
                "osm.migration.experimental-paths=true", "osm.precheck.facts-timeout=20s", "osm.precheck.check-timeout=60s",
                "osm.precheck.max-concurrent-checks=32", "osm.precheck.queue-poll-interval=100ms",
                "osm.kafka.retry-attempts=1"})
public abstract class IntegrationTestBase {

    protected static final String TOKEN = "test-token";
    private static final EventCodec CODEC = new EventCodec();
    private static KafkaConsumer<String, byte[]> precheckConsumer;
    private static final List<SpecificRecord> PRECHECK_EVENTS = new ArrayList<>();

    @Autowired
    protected EventPublisher eventPublisher;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructureProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    /** What points a precheck-service at the shared Kafka, MongoDB database and simulator (also a second replica). */
    protected static Map<String, String> infrastructureProperties() {
        Map<String, String> infra = TestInfrastructure.infra().springProperties();
        SimulatorHandle simulator = TestInfrastructure.simulator();
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", infra.get("spring.kafka.bootstrap-servers"));
        properties.put("spring.mongodb.uri", infra.get("spring.mongodb.uri"));
        properties.put("spring.mongodb.database", "osm_precheck_test");
        properties.put("osm.aliyun.endpoint", simulator.endpoint());
        properties.put("osm.aliyun.protocol", "HTTP");
        properties.put("osm.aliyun.access-key-id", simulator.engine().accessKeyId());
        properties.put("osm.aliyun.access-key-secret", simulator.engine().accessKeySecret());
        properties.put("osm.security.api-tokens", TOKEN);
        return properties;
    }

    protected static SimulatorHandle simulator() {
        return TestInfrastructure.simulator();
    }

    protected WebTestClient api() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)) // generous: the machine is shared with other builds
                .defaultHeader("Authorization", "Bearer " + TOKEN).build();
    }

    protected static String randomId(String prefix) {
        return prefix + HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes()).substring(0, 20);
    }

    /** A SourceImported as source-registry would send it, with facts collected {@code age} ago. */
    protected void importSource(String sourceId, String instanceId, ServerFacts facts) {
        SourceImported event = SourceImported.newBuilder()
                .setHeader(EventHeaders.random("source-registry", null, null, null, Instant.now()))
                .setSourceId(sourceId).setInstanceId(instanceId).setRegionId("cn-hangzhou")
                .setImportMethod("ECS").setStatus("ONLINE").setFacts(FactsMapping.toAvro(facts)).build();
        eventPublisher.publish(sourceId, event).join();
    }

    /** A released job as migration-executor sends it. */
    protected JobReleased jobReleased(String batchId, String jobId, String sourceId, String instanceId,
                                      String destinationOs) {
        return JobReleased.newBuilder()
                .setHeader(EventHeaders.random("migration-executor", batchId, jobId, null, Instant.now()))
                .setRequestId("r-" + batchId).setSourceId(sourceId).setInstanceId(instanceId)
                .setRegionId("cn-hangzhou").setDestinationOs(destinationOs).setDrillMode("NONE")
                .setAutoRemediate(List.of()).build();
    }

    /** A released job in the legacy form executors used before JobReleased: header jobId/batchId and one target. */
    protected MigrationRequested jobRequest(String batchId, String jobId, String sourceId, String instanceId,
                                            String destinationOs) {
        return MigrationRequested.newBuilder()
                .setHeader(EventHeaders.random("migration-executor", batchId, jobId, null, Instant.now()))
                .setRequestId("r-" + batchId).setDrillMode("NONE").setDestinationOs(destinationOs)
                .setAcknowledgeRisks(true)
                .setTargets(List.of(MigrationTarget.newBuilder().setSourceId(sourceId).setJobId(jobId)
                        .setInstanceId(instanceId).setRegionId("cn-hangzhou").setDestinationOs(destinationOs).build()))
                .build();
    }

    protected void send(String key, SpecificRecord event) {
        eventPublisher.publish(key, event).join();
    }

    /** Everything seen on osm.prechecks so far, read with a plain consumer and the schemas' codec. */
    protected static synchronized List<SpecificRecord> precheckEvents() {
        if (precheckConsumer == null) {
            precheckConsumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.infra().kafkaBootstrapServers(),
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
            List<TopicPartition> partitions = precheckConsumer.partitionsFor(Topics.PRECHECKS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            precheckConsumer.assign(partitions);
            precheckConsumer.seekToBeginning(partitions);
        }
        for (ConsumerRecord<String, byte[]> record : precheckConsumer.poll(Duration.ofMillis(200))) {
            PRECHECK_EVENTS.add(CODEC.decode(record.value()));
        }
        return List.copyOf(PRECHECK_EVENTS);
    }

    protected static List<SpecificRecord> precheckEventsOfJob(String jobId) {
        return precheckEvents().stream().filter(e -> jobId.equals(EventHeaders.of(e).getJobId())).toList();
    }
}
