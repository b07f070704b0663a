package io.osmigration.executor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.schemas.Topic;
import io.osmigration.schemas.Topics;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.osmigration.simulator.EcsSimulator;
import io.osmigration.simulator.EcsSimulatorApplication;

/**
 * One broker, one MongoDB server, one ECS simulator (with {@code test-fleet.json}), one set of fake peers and one
 * recorder per test JVM, shared by every test class and every executor context the tests start.
 */
final class TestEnvironment {

    static final String TOKEN = "test-token";
    static final String TOKEN_NAME = "executor-tests";
    private static TestEnvironment instance;

    final EmbeddedInfrastructure infra;
    final SimulatorHandle simulator;
    final FakePeers peers;
    final FakeRegistry registry;
    final KafkaRecorder recorder;
    /** The simulator's work directory: {@code <dir>/<instanceId>} is each instance's fake root. */
    final Path simulatorWorkDir;

    private TestEnvironment() {
        infra = EmbeddedInfrastructure.shared();
        try {
            Path fleet = Path.of(TestEnvironment.class.getResource("/test-fleet.json").toURI());
            Path work = Files.createTempDirectory("osm-executor-sim-");
            simulatorWorkDir = work;
            // Started with command-line arguments rather than EcsSimulatorServer.start: that passes its settings as
            // default properties, which the simulator's own ecs-simulator.yml overrides (server.port 8090 included).
            // The simulator enables auto-configuration and our class path holds platform's (MongoDB, Kafka): point
            // those at the embedded servers so they are harmless, and create no topics.
            simulator = new SimulatorHandle(new SpringApplicationBuilder(EcsSimulatorApplication.class)
                    .web(WebApplicationType.REACTIVE).registerShutdownHook(false).run(
                            "--spring.config.name=ecs-simulator", "--server.port=0", "--spring.jmx.enabled=false",
                            "--osm.simulator.fleet-file=" + fleet, "--osm.simulator.work-dir=" + work,
                            "--osm.simulator.reboot-duration=PT0.3S", "--osm.simulator.snapshot-duration=PT0.2S",
                            "--osm.simulator.rate-limit-per-second=5000", "--osm.simulator.command-threads=16",
                            // The real tools' durations at 1/1000 (Leapp's 40-minute offline phase: 2.4 s), and
                            // the agent's heartbeat every 2 s instead of 60 s, so Cloud Assistant notices sooner.
                            "--osm.simulator.time-scale=0.001", "--osm.simulator.agent-heartbeat=PT2S",
                            "--spring.mongodb.uri=" + infra.mongoUri(), "--spring.mongodb.database=osm_simulator_unused",
                            "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                            "--osm.kafka.create-topics=false", "--spring.kafka.listener.auto-startup=false"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        createTopics(infra.kafkaBootstrapServers());
        registry = new FakeRegistry();
        peers = new FakePeers(infra.kafkaBootstrapServers(), registry);
        recorder = new KafkaRecorder(infra.kafkaBootstrapServers(),
                List.of("osm.migration.requests", "osm.migrations", "osm.migration.replies",
                        "osm.migration.requests.DLT", "osm.prechecks.DLT", "osm.snapshots.DLT", "osm.migrations.DLT",
                        "osm.sources.DLT"));
        List<String> instances = new ArrayList<>();
        for (int n = 1; n <= TestFleet.CLEAN; n++) {
            instances.add(TestFleet.clean(n));
        }
        instances.addAll(List.of(TestFleet.FAIL_UPGRADE_1, TestFleet.FAIL_UPGRADE_2, TestFleet.DRILL_CRITICAL,
                TestFleet.PRECHECK_FAILS, TestFleet.SNAPSHOTS_FAIL, TestFleet.RELEASED, TestFleet.HANGS,
                TestFleet.METRICS_CLEAN, TestFleet.METRICS_FAILS, TestFleet.REAL_MODULES_BIG, TestFleet.REAL_MODULES,
                TestFleet.NEVER_RETURNS));
        peers.failPrecheckOf(TestFleet.sourceId(TestFleet.PRECHECK_FAILS));
        peers.failSnapshotsOf(TestFleet.sourceId(TestFleet.SNAPSHOTS_FAIL));
        instances.forEach(peers::importSource);
    }

    /** The catalog's topics exist before the fake peers produce (the broker does not create topics by itself). */
    private static void createTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> topics = new ArrayList<>();
            for (Topic topic : Topics.all()) {
                for (String name : List.of(topic.name(), topic.deadLetterTopic())) {
                    if (!existing.contains(name)) {
                        topics.add(new NewTopic(name, 12, (short) 1));
                    }
                }
            }
            admin.createTopics(topics).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The in-process simulator: its engine (call log, hooks) and its endpoint. */
    record SimulatorHandle(ConfigurableApplicationContext context) {
        EcsSimulator engine() {
            return context.getBean(EcsSimulator.class);
        }

        String endpoint() {
            return "127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
        }
    }

    static synchronized TestEnvironment get() {
        if (instance == null) {
            instance = new TestEnvironment();
        }
        return instance;
    }

    /** Properties pointing an executor context at this environment. */
    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers());
        p.put("spring.mongodb.uri", infra.mongoUri());
        p.put("osm.aliyun.endpoint", simulator.endpoint());
        p.put("osm.aliyun.protocol", "HTTP");
        p.put("osm.aliyun.max-calls-per-second", "5000");
        // A named token: the audit trail and the batch events say who acted by its name.
        p.put("osm.security.tokens[0].name", TOKEN_NAME);
        p.put("osm.security.tokens[0].role", "admin");
        p.put("osm.security.tokens[0].sha256", "4c5dc9b7708905f77f5e5d16316b5dfb425e68cb326dcd55a860e90a7707031e"); // SHA-256 of TOKEN
        p.put("osm.executor.poll-interval", "50ms");
        p.put("osm.executor.lease", "3s");
        p.put("osm.executor.reboot-wait", "15s");
        p.put("osm.executor.reboot-poll-max", "1s");
        p.put("osm.executor.worker-threads", "8");
        p.put("osm.kafka.retry-attempts", "1");
        p.put("osm.kafka.retry-backoff", "50ms");
        p.put("osm.executor.registry.url", registry.url());
        p.put("osm.executor.registry.token", TOKEN);
        p.put("spring.jmx.enabled", "false");
        return p;
    }
}
