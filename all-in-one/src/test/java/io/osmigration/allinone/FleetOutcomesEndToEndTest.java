package io.osmigration.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import io.osmigration.events.MigrationRequestAccepted;
import io.osmigration.events.MigrationRequested;
import io.osmigration.events.MigrationTarget;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.schemas.EventCodec;
import io.osmigration.schemas.Topics;

/**
 * Batches over the demo fleet on the all-in-one stack, every service real: each instance ends the way the fleet was
 * built to make it end, and the states, findings and rollbacks are the contract's.
 */
@SuppressWarnings("unchecked")
class FleetOutcomesEndToEndTest {

    private static final Set<String> TERMINAL = Set.of("PRECHECK_FAILED", "COMPLETED", "FAILED", "ROLLED_BACK",
            "CANCELLED", "AWAITING_APPROVAL");

    @Test
    void aMixedBatchEndsEachJobAsTheFleetWasBuiltTo() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("web-centos79-02", "COMPLETED");
        expected.put("build-centos7-i686", "PRECHECK_FAILED");
        expected.put("web-centos7-noagent", "PRECHECK_FAILED");
        expected.put("fault-upgrade-centos7", "ROLLED_BACK");
        expected.put("fault-drill-centos8", "FAILED");
        expected.put("fault-snapshot-centos7", "FAILED");
        Map<String, String> sourceByInstance = DemoBatches.importAll(expected.keySet().stream().map(DemoFleet::idOf).toList());
        String faultDrill = DemoFleet.idOf("fault-drill-centos8");
        MigrationPathsEndToEndTest.provisionSubscription(faultDrill);

        // web-centos79-02 does not state PermitRootLogin: Leapp inhibits, and the batch lets the recipe fix it
        Map<String, Object> batch = DemoBatches.submit(Map.of("requestId", "mixed-" + UUID.randomUUID(), "destinationOs", "anolis8",
                "drillMode", "DRILL_AND_MIGRATE", "acknowledgeRisks", true, "failureThresholdPercent", 100,
                "autoRemediate", List.of("SSHD_PERMIT_ROOT_LOGIN"),
                "targets", sourceByInstance.entrySet().stream().map(e -> e.getKey().equals(faultDrill)
                        // its fault is in the tool's own check: convert2rhel analyze finds an ERROR
                        ? Map.of("sourceId", e.getValue(), "destinationOs", "rhel8")
                        : Map.of("sourceId", e.getValue())).toList()));
        String batchId = (String) batch.get("batchId");

        // FAILED comes before ROLLED_BACK (once the disks are reset), so wait for the outcome each was built for.
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Map<String, Object>> now = jobs(batchId);
            expected.forEach((name, state) -> assertThat(now.get(DemoFleet.idOf(name)))
                    .as("%s", name).containsEntry("state", state));
        });
        Map<String, Map<String, Object>> jobs = jobs(batchId);
        assertThat(findingCodes(jobs.get(DemoFleet.idOf("build-centos7-i686")))).contains("I386_PACKAGES");
        assertThat(findingCodes(jobs.get(DemoFleet.idOf("web-centos7-noagent")))).contains("CLOUD_ASSISTANT_OFFLINE");
        assertThat(jobs.get(faultDrill)).containsEntry("failedStep", "DRILL");
        assertThat((List<Map<String, Object>>) jobs.get(faultDrill).get("findings")).anySatisfy(f -> {
            assertThat(f.get("source")).isEqualTo("DRILL");
            assertThat(f.get("severity")).isEqualTo("CRITICAL");
        });
        assertThat(osOf(DemoFleet.idOf("fault-upgrade-centos7"))).as("rolled back to the old OS").contains("CentOS");
        assertThat(osOf(DemoFleet.idOf("web-centos79-02"))).contains("Anolis OS 8");
        assertThat(((List<Map<String, Object>>) jobs.get(DemoFleet.idOf("web-centos79-02")).get("steps")))
                .extracting(step -> step.get("name")).contains("REMEDIATE_SSHD_PERMIT_ROOT_LOGIN");
        assertBlockersRanked(batchId);
    }

    @Test
    void aDrillOnlyJobWaitsForApprovalThenMigrates() {
        String instanceId = DemoFleet.idOf("web-centos85-01");
        String sourceId = DemoBatches.importAll(List.of(instanceId)).get(instanceId);
        Map<String, Object> batch = DemoBatches.submit(Map.of("requestId", "drill-only-" + UUID.randomUUID(),
                "destinationOs", "anolis8", "drillMode", "DRILL_ONLY", "acknowledgeRisks", true,
                "targets", List.of(Map.of("sourceId", sourceId))));
        String batchId = (String) batch.get("batchId");

        Map<String, Object> job = awaitTerminal(batchId, Duration.ofSeconds(120)).get(instanceId);
        assertThat(job).containsEntry("state", "AWAITING_APPROVAL");
        assertThat(osOf(instanceId)).as("a drill changes nothing").contains("CentOS");

        AllInOneStack.client(AllInOneConfig.EXECUTOR).post()
                .uri("/api/v1/migrations/{batchId}/jobs/{jobId}:start", batchId, job.get("jobId"))
                .exchange().expectStatus().is2xxSuccessful();

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(jobs(batchId).get(instanceId)).containsEntry("state", "COMPLETED"));
    }

    @Test
    void failuresReachingTheThresholdPauseTheBatchAndCancelEndsWhatIsLeft() {
        List<String> instanceIds = List.of(DemoFleet.idOf("fault-snapshot-centos7"),
                DemoFleet.idOf("fault-upgrade-centos7"), DemoFleet.idOf("batch-alinux2-02"));
        Map<String, String> sourceByInstance = DemoBatches.importAll(instanceIds);
        Map<String, Object> batch = DemoBatches.submit(Map.of("requestId", "threshold-" + UUID.randomUUID(),
                "destinationOs", "anolis8", "drillMode", "NONE", "acknowledgeRisks", true, "maxParallel", 1,
                "failureThresholdPercent", 50,
                "targets", sourceByInstance.values().stream().map(sourceId -> Map.of("sourceId", sourceId)).toList()));
        String batchId = (String) batch.get("batchId");

        // One job at a time: whichever order they run in, a failure makes at least half of the finished ones fail
        // before the last job is released.
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Object> now = batch(batchId);
            assertThat(now).containsEntry("state", "PAUSED");
            assertThat((String) now.get("reason")).contains("failure threshold of 50%");
        });
        assertThat(jobs(batchId).values()).extracting(job -> job.get("state")).contains("PENDING");

        AllInOneStack.client(AllInOneConfig.EXECUTOR).post().uri("/api/v1/migrations/{batchId}:cancel", batchId)
                .exchange().expectStatus().is2xxSuccessful();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(batch(batchId)).containsEntry("state", "CANCELLED");
            assertThat(jobs(batchId).values()).extracting(job -> job.get("state"))
                    .doesNotContain("PENDING").contains("CANCELLED");
        });
    }

    @Test
    void anotherSystemSubmitsABatchAsAKafkaRecordRightAfterTheImportAndHearsBack() throws Exception {
        String instanceId = "i-bp1e2ecentos7kfk0001";
        // Submitted right after the import: the executor asks source-registry about a source it has not heard of.
        String sourceId = DemoBatches.importAll(List.of(instanceId)).get(instanceId);
        String requestId = "kafka-" + UUID.randomUUID();
        MigrationRequested request = MigrationRequested.newBuilder()
                .setHeader(EventHeaders.random("cmdb-sync", null, null, null, Instant.now()))
                .setRequestId(requestId).setDrillMode("NONE").setDestinationOs("anolis8").setAcknowledgeRisks(true)
                .setTargets(List.of(MigrationTarget.newBuilder().setSourceId(sourceId).build()))
                .build();
        String bootstrap = AllInOneStack.get().infrastructure().kafkaBootstrapServers();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProbe replies = new KafkaProbe(bootstrap);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(Topics.MIGRATION_REQUESTS.name(), sourceId,
                    new EventCodec().encode(request))).get();
            String batchId = "b-" + sha256Hex("request:" + requestId).substring(0, 20);

            List<KafkaProbe.Observed> answer = replies.awaitEvents(requestId, Duration.ofSeconds(60),
                    events -> events.stream().anyMatch(e -> e.type().equals("MigrationRequestAccepted")));
            MigrationRequestAccepted accepted = (MigrationRequestAccepted) answer.stream()
                    .filter(e -> e.event() instanceof MigrationRequestAccepted).findFirst().orElseThrow().event();
            assertThat(accepted.getBatchId()).isEqualTo(batchId);
            assertThat(accepted.getJobs()).singleElement().satisfies(job ->
                    assertThat(job.getSourceId()).isEqualTo(sourceId));
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() ->
                    assertThat(jobs(batchId).get(instanceId)).containsEntry("state", "COMPLETED"));
        }
    }

    private static Map<String, Map<String, Object>> awaitTerminal(String batchId, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() ->
                jobs(batchId).values().stream().allMatch(job -> TERMINAL.contains(job.get("state"))));
        return jobs(batchId);
    }

    private static Map<String, Object> batch(String batchId) {
        return AllInOneStack.client(AllInOneConfig.EXECUTOR).get()
                .uri("/api/v1/migrations/{id}", batchId).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    /** The batch's jobs by instance id. */
    private static Map<String, Map<String, Object>> jobs(String batchId) {
        return ((List<Map<String, Object>>) batch(batchId).get("jobs")).stream()
                .collect(Collectors.toMap(job -> (String) job.get("instanceId"), job -> job));
    }

    private static List<String> findingCodes(Map<String, Object> job) {
        return ((List<Map<String, Object>>) job.getOrDefault("findings", List.of())).stream()
                .map(finding -> (String) finding.get("code")).toList();
    }

    /** What the ECS simulator says the instance runs now. */
    private static String osOf(String instanceId) {
        return AllInOneStack.get().contexts().stream()
                .filter(context -> context.containsBean("ecsSimulator"))
                .map(context -> context.getBean(io.osmigration.simulator.EcsSimulator.class).instance(instanceId).orElseThrow().osPrettyName())
                .findFirst().orElseThrow();
    }

    private static void assertBlockersRanked(String batchId) {
        String report = AllInOneStack.client(AllInOneConfig.PRECHECK).get()
                .uri(uri -> uri.path("/api/v1/prechecks").queryParam("batchId", batchId).build())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(report).contains("I386_PACKAGES", "CLOUD_ASSISTANT_OFFLINE");
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
