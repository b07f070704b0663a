package io.osmigration.snapshot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotGroupsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeSnapshotsResponse;

import io.osmigration.events.MigrationCompleted;
import io.osmigration.events.MigrationFailed;
import io.osmigration.events.PrecheckPassed;
import io.osmigration.platform.cloud.EcsGateway;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.kafka.EventPublisher;
import io.osmigration.snapshot.domain.SnapshotNaming;

/**
 * One Spring context for every integration test class (same configuration), against the shared embedded Kafka and
 * MongoDB and the in-process ECS simulator. Retention is PT0S so released snapshots go at once.
 */
@SpringBootTest(classes = SnapshotServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=snapshot-service",
                "spring.application.name=snapshot-service",
                "spring.jmx.enabled=false",
                "osm.security.api-tokens=test-token",
                "osm.kafka.partitions=2",
                "osm.snapshots.retention=PT0S",
                "osm.snapshots.creation-timeout=PT30S",
                "osm.snapshots.poll-interval=PT0.1S",
                "osm.snapshots.polling.first=PT0.2S",
                "osm.snapshots.polling.tick=PT0.2S",
                "osm.snapshots.polling.max=PT1S",
                "osm.snapshots.worker-interval=PT0.1S",
                "osm.snapshots.error-backoff=PT0.2S",
                "osm.snapshots.lease=PT3S",
                "osm.snapshots.orphan-sweep-interval=PT0.5S",
                "osm.snapshots.price-per-gib-month=0.3",
                "osm.snapshots.currency=CNY",
                "osm.aliyun.initial-backoff=20ms"
        })
public abstract class SnapshotServiceTestBase {

    protected static final TestEnvironment ENV = TestEnvironment.get();
    protected static final String REGION = "cn-hangzhou";
    protected static final String TOKEN = "test-token";

    @Autowired
    protected EventPublisher publisher;
    @Autowired
    protected EcsGateway ecs;
    @Autowired
    protected Environment environment;

    /** Bounded: a request the service never answers must fail the test, not hang the build. */
    // HTTP/1.1: the h2c upgrade the JDK client offers on a plain GET can leave a request to Reactor Netty unanswered.
    /**
     * A client (so a connection) per request: twice in a full run a request sent on a connection kept alive after a
     * 4xx answer went unanswered until its 30 s timeout (SnapshotReleaseTest); the cause is not found yet.
     */
    private static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", ENV.infra::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", ENV.infra::mongoUri);
        registry.add("spring.mongodb.database", () -> "osm_snapshot_test");
        registry.add("osm.aliyun.endpoint", ENV.simulator::endpoint);
        registry.add("osm.aliyun.protocol", () -> "HTTP");
        registry.add("osm.aliyun.access-key-id", () -> ENV.ecs().accessKeyId());
        registry.add("osm.aliyun.access-key-secret", () -> ENV.ecs().accessKeySecret());
    }

    protected static ConditionFactory await() {
        return Awaitility.await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50));
    }

    protected static String newJobId() {
        return "j-" + HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes()).substring(0, 20);
    }

    protected static String sourceIdOf(String instanceId) {
        return "s-" + Integer.toHexString(instanceId.hashCode()) + "0000000000000";
    }

    protected PrecheckPassed precheckPassed(String jobId, String instanceId) {
        return precheckPassed("b-test", jobId, instanceId);
    }

    protected PrecheckPassed precheckPassed(String batchId, String jobId, String instanceId) {
        return PrecheckPassed.newBuilder()
                .setHeader(EventHeaders.random("precheck-service", batchId, jobId, null, Instant.now()))
                .setPrecheckId("p-" + UUID.randomUUID())
                .setSourceId(sourceIdOf(instanceId))
                .setInstanceId(instanceId)
                .setRegionId(REGION)
                .setDestinationOs("alinux3")
                .build();
    }

    protected MigrationCompleted migrationCompleted(String jobId, String instanceId) {
        return MigrationCompleted.newBuilder()
                .setHeader(EventHeaders.random("migration-executor", "b-test", jobId, null, Instant.now()))
                .setSourceId(sourceIdOf(instanceId))
                .setInstanceId(instanceId)
                .setDestinationOs("alinux3")
                .build();
    }

    protected MigrationFailed migrationFailed(String jobId, String instanceId, boolean rollbackRequired) {
        return MigrationFailed.newBuilder()
                .setHeader(EventHeaders.random("migration-executor", "b-test", jobId, null, Instant.now()))
                .setSourceId(sourceIdOf(instanceId))
                .setInstanceId(instanceId)
                .setRegionId(REGION)
                .setDestinationOs("alinux3")
                .setStep("UPGRADE")
                .setReason("leapp upgrade failed")
                .setRollbackRequired(rollbackRequired)
                .build();
    }

    protected void publish(SpecificRecord event) {
        try {
            publisher.publish(keyOf(event), event)
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String keyOf(SpecificRecord event) {
        org.apache.avro.Schema.Field sourceId = event.getSchema().getField("sourceId");
        return sourceId == null ? EventHeaders.of(event).getBatchId() : String.valueOf(event.get(sourceId.pos()));
    }

    /** The snapshots the simulator holds for an instance, as DescribeSnapshots reports them. */
    protected List<DescribeSnapshotsResponse.Snapshot> cloudSnapshots(String instanceId) {
        DescribeSnapshotsRequest request = new DescribeSnapshotsRequest();
        request.setSysRegionId(REGION);
        request.setInstanceId(instanceId);
        request.setPageSize(100);
        return ecs.call(request).getSnapshots();
    }

    /**
     * The snapshots the simulator holds for a job on an instance: those named after the job (a snapshot per disk) and
     * those of the job's snapshot-consistent group.
     */
    protected List<DescribeSnapshotsResponse.Snapshot> jobCloudSnapshots(String instanceId, String jobId) {
        DescribeSnapshotGroupsRequest groups = new DescribeSnapshotGroupsRequest();
        groups.setSysRegionId(REGION);
        groups.setInstanceId(instanceId);
        groups.setName(SnapshotNaming.groupName(jobId));
        groups.setMaxResults(100);
        Set<String> grouped = ecs.call(groups).getSnapshotGroups().stream()
                .flatMap(g -> g.getSnapshots().stream()).map(s -> s.getSnapshotId()).collect(Collectors.toSet());
        return cloudSnapshots(instanceId).stream()
                .filter(s -> s.getSnapshotName().contains(jobId) || grouped.contains(s.getSnapshotId())).toList();
    }

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).GET().build());
    }

    protected HttpResponse<String> getWithoutToken(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    protected HttpResponse<String> post(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http().send(HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
