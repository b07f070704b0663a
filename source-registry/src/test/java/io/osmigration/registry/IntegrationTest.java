package io.osmigration.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.schemas.Topics;
import io.osmigration.simulator.EcsSimulator;
import io.osmigration.simulator.EcsSimulatorApplication;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Spring context for every integration test class: the registry against the shared embedded Kafka and MongoDB
 * and an in-process ECS simulator whose fleet is the demo fleet plus {@link #BULK_COUNT} generated instances in
 * {@link #BULK_REGION} (every {@link #BULK_ONLINE_EVERY}th with Cloud Assistant online: collecting facts costs a real script run each).
 */
@SpringBootTest(classes = SourceRegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=source-registry", "spring.application.name=source-registry"})
public abstract class IntegrationTest {

    public static final String TOKEN = "test-token";
    public static final String DEMO_REGION = "cn-hangzhou";
    public static final String DEMO_1 = "i-bp1demo000000000001";
    public static final String DEMO_2 = "i-bp1demo000000000002";
    public static final String BULK_REGION = "cn-shanghai";
    public static final int BULK_COUNT = 250;
    public static final int BULK_ONLINE_EVERY = 50;
    public static final String ACCESS_KEY_SECRET = "osm-demo-secret-not-for-production";
    /** An instance whose metadata service requires tokens (security hardening mode). */
    public static final String HARDENED = "i-bp1hardened0000001";
    /** An instance in normal metadata mode, imported only by the script. */
    public static final String SCRIPTED = "i-bp1scripted0000001";
    /** An instance imported by id that activations then claim to be. */
    public static final String CLAIMED = "i-bp1claimed00000001";
    /** Servers the size of real ones (see {@link #bigInstance}): 1,500 packages, the first one 32-bit. */
    public static final String BIG_WITH_I686 = "i-bp1bigimport1500i686";
    public static final String BIG = "i-bp1bigimport1500plain";
    public static final String GLIBC_I686 = "glibc-2.17-326.el7_9.i686";

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static ConfigurableApplicationContext simulator;
    private static int simulatorPort;

    @LocalServerPort
    protected int port;
    @Autowired
    protected MongoTemplate mongo;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfrastructure infra = EmbeddedInfrastructure.shared();
        startSimulator(infra);
        registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", infra::mongoUri);
        registry.add("spring.mongodb.database", () -> "osm_registry_test");
        registry.add("osm.aliyun.endpoint", () -> "127.0.0.1:" + simulatorPort);
        registry.add("osm.aliyun.protocol", () -> "HTTP");
        registry.add("osm.aliyun.access-key-id", () -> "LTAIosmDemoKey0001");
        registry.add("osm.aliyun.access-key-secret", () -> ACCESS_KEY_SECRET);
        registry.add("osm.aliyun.max-calls-per-second", () -> "500");
        registry.add("osm.security.api-tokens", () -> TOKEN);
        // The test CA the simulator signs identity documents with (made at its start) is the one the registry trusts.
        registry.add("osm.registry.identity.certificates", () -> simulator.getBean(EcsSimulator.class)
                .identityCertificatePem());
        registry.add("osm.registry.status-poll-interval", () -> "500ms");
        registry.add("osm.cloud-assistant.poll-initial", () -> "100ms");
        registry.add("osm.cloud-assistant.poll-max", () -> "500ms");
        registry.add("osm.registry.facts-timeout", () -> "45s");
    }

    private static synchronized void startSimulator(EmbeddedInfrastructure infra) {
        if (simulator != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("osm-registry-sim-");
            Path fleet = dir.resolve("fleet.json");
            Files.writeString(fleet, fleetJson());
            List<String> properties = new ArrayList<>(List.of("spring.config.name=" + EcsSimulatorApplication.CONFIG_NAME,
                    "server.port=0", "osm.simulator.fleet-file=" + fleet, "osm.simulator.work-dir=" + dir.resolve("roots"),
                    "osm.simulator.snapshot-duration=PT0.2S", "osm.simulator.command-threads=8",
                    // the agent heartbeats every 60 s and Cloud Assistant calls it offline two missed beats later:
                    // a 2 s heartbeat lets a test see an agent go offline in seconds
                    "osm.simulator.agent-heartbeat=PT2S",
                    // The simulator shares our class path: keep platform's Kafka and MongoDB wiring out of it.
                    "spring.autoconfigure.exclude=" + String.join(",",
                            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
                            "io.osmigration.platform.kafka.KafkaEventsAutoConfiguration",
                            "io.osmigration.platform.outbox.PersistenceAutoConfiguration",
                            "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
                            "org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration",
                            "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
                            "org.springframework.boot.mongodb.autoconfigure.health.MongoReactiveHealthContributorAutoConfiguration",
                            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
                            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration",
                            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration",
                            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveRepositoriesAutoConfiguration")));
            // As arguments: builder properties are only defaults, which ecs-simulator.yml (work-dir in /tmp, shared
            // with every other simulator on the machine) would override.
            simulator = new SpringApplicationBuilder(EcsSimulatorApplication.class)
                    .properties("spring.config.name=" + EcsSimulatorApplication.CONFIG_NAME)
                    .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
            simulatorPort = Integer.parseInt(simulator.getEnvironment().getProperty("local.server.port"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo fleet plus the bulk instances, for ECS imports of hundreds of instances in one request. */
    static String fleetJson() throws IOException {
        try (InputStream in = EcsSimulatorApplication.class.getClassLoader().getResourceAsStream("demo-fleet.json")) {
            ObjectNode fleet = (ObjectNode) JSON.readTree(in);
            ArrayNode instances = (ArrayNode) fleet.get("instances");
            ObjectNode hardened = instances.addObject();
            hardened.put("instanceId", HARDENED);
            hardened.put("instanceName", "hardened-01");
            hardened.putObject("metadata").put("httpTokens", "required");
            instances.addObject().put("instanceId", SCRIPTED).put("instanceName", "scripted-01");
            instances.addObject().put("instanceId", CLAIMED).put("instanceName", "claimed-01");
            for (int i = 0; i < BULK_COUNT; i++) {
                ObjectNode instance = instances.addObject();
                instance.put("instanceId", bulkInstanceId(i));
                instance.put("regionId", BULK_REGION);
                instance.put("instanceName", "bulk-" + i);
                instance.put("cloudAssistant", i % BULK_ONLINE_EVERY == 0);
            }
            instances.add(bigInstance(BIG_WITH_I686, true));
            instances.add(bigInstance(BIG, false));
            return JSON.writeValueAsString(fleet);
        }
    }

    /**
     * A CentOS 7 server with 1,500 real rpm -qa lines (the simulator's real listings centos7-server, rhel72-server
     * and centos8 one after the other, then again; shared/data/real-hosts/SOURCES.md) and the 89 modules of the real
     * lsmod-centos7: its facts are some 55 KB, beyond anything Cloud Assistant returns in one output.
     */
    private static ObjectNode bigInstance(String instanceId, boolean i686First) throws IOException {
        java.util.LinkedHashSet<String> union = new java.util.LinkedHashSet<>();
        for (String listing : List.of("centos7-server.txt", "rhel72-server.txt", "centos8.txt")) {
            union.addAll(listing(listing));
        }
        List<String> all = new ArrayList<>(union);
        ObjectNode instance = JSON.createObjectNode();
        instance.put("instanceId", instanceId);
        instance.put("regionId", DEMO_REGION);
        ObjectNode os = instance.putObject("osRelease");
        os.put("ID", "centos");
        os.put("VERSION_ID", "7");
        os.put("PRETTY_NAME", "CentOS Linux 7 (Core)");
        ArrayNode packages = instance.putArray("packages");
        if (i686First) {
            packages.add(GLIBC_I686);
        }
        for (int i = packages.size(); i < 1500; i++) {
            packages.add(all.get(i % all.size()));
        }
        ArrayNode modules = instance.putArray("modules");
        listing("lsmod-centos7.txt").stream().filter(l -> !l.startsWith("Module ")).forEach(modules::add);
        return instance;
    }

    private static List<String> listing(String name) throws IOException {
        try (InputStream in = IntegrationTest.class.getResourceAsStream("/io/osmigration/simulator/world/hosts/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
        }
    }

    public static String bulkInstanceId(int i) {
        return String.format("i-uf6bulk%012d", i);
    }

    protected WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(90))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .defaultHeader("Authorization", "Bearer " + TOKEN).build();
    }

    protected WebTestClient anonymousClient() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(90)).build();
    }

    protected String simulatorUrl() {
        return "http://127.0.0.1:" + simulatorPort;
    }

    protected String registryUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected static JsonNode json(byte[] body) {
        return JSON.readTree(body);
    }

    /** Calls the simulator's operator hooks (/_sim/...). */
    protected JsonNode simulatorGet(String path) {
        byte[] body = WebTestClient.bindToServer().baseUrl(simulatorUrl()).build().get().uri(path).exchange()
                .expectStatus().is2xxSuccessful().expectBody().returnResult().getResponseBody();
        return json(body);
    }

    protected void simulatorPost(String path) {
        WebTestClient.bindToServer().baseUrl(simulatorUrl()).build().post().uri(path).exchange()
                .expectStatus().is2xxSuccessful();
    }

    /** A consumer of osm.sources positioned at the current end, so a test sees only what happens after it starts. */
    protected KafkaConsumer<String, byte[]> sourcesConsumerAtEnd() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "registry-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.SOURCES.name(), Duration.ofSeconds(30));
        for (PartitionInfo info : infos) {
            partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** Adds what the consumer has now to {@code into}; call from an Awaitility loop. */
    protected static void drain(KafkaConsumer<String, byte[]> consumer, List<ConsumerRecord<String, byte[]>> into) {
        consumer.poll(Duration.ofMillis(200)).forEach(into::add);
    }

    protected static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
        return headers;
    }
}
