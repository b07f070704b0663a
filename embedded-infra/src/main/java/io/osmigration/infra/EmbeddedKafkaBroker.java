package io.osmigration.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka broker in KRaft mode (combined broker + controller) running in this JVM.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.builder().port(0).dataDir(dir).build().start()) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>The storage is formatted only when the log directory holds no {@code meta.properties} yet, so a restart on the
 * same data directory keeps topics, records and committed offsets. The cluster id is kept in
 * {@code <dataDir>/cluster.id}. A closed instance can be started again; a port configured as 0 is resolved on the
 * first start and reused by later starts while it stays free.
 *
 * <p>Layout of the data directory: {@code cluster.id}, {@code server.properties} (rewritten on every start, handy for
 * debugging) and {@code logs/} (Kafka's {@code log.dirs}, including the KRaft metadata log).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_NUM_PARTITIONS = 12;
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private static final int MAX_START_ATTEMPTS = 3;

    private final String host;
    private final int configuredPort;
    private final int configuredControllerPort;
    private final Path dataDir;
    private final boolean autoCreateTopics;
    private final int numPartitions;
    private final Map<String, String> extraProperties;
    private final Duration startupTimeout;

    private KafkaRaftServer server;
    private int port;
    private int controllerPort;
    private String clusterId;

    private EmbeddedKafkaBroker(Builder b) {
        this.host = b.host;
        this.configuredPort = b.port;
        this.configuredControllerPort = b.controllerPort;
        this.dataDir = Objects.requireNonNull(b.dataDir, "dataDir is required").toAbsolutePath();
        this.autoCreateTopics = b.autoCreateTopics;
        this.numPartitions = b.numPartitions;
        this.extraProperties = new LinkedHashMap<>(b.extraProperties);
        this.startupTimeout = b.startupTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Formats the storage if needed, starts the broker and blocks until it answers an admin {@code describeCluster}
     * (bounded by the startup timeout). Returns {@code this}; a no-op when already running.
     *
     * @throws IllegalStateException when the broker does not start or does not become ready in time
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        long startNanos = System.nanoTime();
        try {
            Files.createDirectories(logDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Kafka data dir " + dataDir, e);
        }
        RuntimeException lastFailure = null;
        for (int attempt = 1; attempt <= MAX_START_ATTEMPTS; attempt++) {
            pickPorts(attempt > 1);
            try {
                startOnce();
                log.info("Kafka broker ready at {} (controller port {}, cluster {}, data {}) in {} ms",
                        bootstrapServers(), controllerPort, clusterId, dataDir,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
                return this;
            } catch (RuntimeException e) {
                lastFailure = e;
                stopServerQuietly();
                if (attempt == MAX_START_ATTEMPTS || !isBindFailure(e) || !worthRetryingWithNewPorts()) {
                    break;
                }
                log.warn("Kafka broker start attempt {} failed ({}); retrying with new ports", attempt, e.toString());
            }
        }
        throw new IllegalStateException("Kafka broker did not start on " + host + ":" + port + " (controller port "
                + controllerPort + ", data dir " + dataDir + ")", lastFailure);
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** A port picked as free may have been taken meanwhile; a fixed port that is busy will stay busy. */
    private boolean worthRetryingWithNewPorts() {
        boolean anyEphemeral = configuredPort == 0 || configuredControllerPort == 0;
        boolean fixedPortsFree = (configuredPort == 0 || FreePorts.isFree(configuredPort))
                && (configuredControllerPort == 0 || FreePorts.isFree(configuredControllerPort));
        return anyEphemeral && fixedPortsFree;
    }

    private void pickPorts(boolean forceNew) {
        if (configuredPort != 0) {
            port = configuredPort;
        } else if (forceNew || port == 0 || !FreePorts.isFree(port)) {
            port = FreePorts.findFreePort();
        }
        if (configuredControllerPort != 0) {
            controllerPort = configuredControllerPort;
        } else if (forceNew || controllerPort == 0 || controllerPort == port || !FreePorts.isFree(controllerPort)) {
            do {
                controllerPort = FreePorts.findFreePort();
            } while (controllerPort == port);
        }
        if (port == controllerPort) {
            throw new IllegalArgumentException("Broker and controller ports must differ: " + port);
        }
    }

    private void startOnce() {
        Properties props = brokerProperties();
        Path propsFile = dataDir.resolve("server.properties");
        writeProperties(props, propsFile);
        formatIfNeeded(propsFile);

        KafkaConfig config = KafkaConfig.fromProps(props, false);
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        server = raftServer;
        raftServer.startup();
        awaitReady();
    }

    Properties brokerProperties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir().toString());
        p.setProperty("num.partitions", Integer.toString(numPartitions));
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
        p.setProperty("offsets.topic.replication.factor", "1");
        // Kafka's default of 50 partitions means 50 logs to create on the first consumer group and to load on every
        // start of a single-node broker; 5 is plenty here. The coordinator uses the existing topic's real partition
        // count, so data dirs created with 50 keep working.
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        extraProperties.forEach(p::setProperty);
        return p;
    }

    private void formatIfNeeded(Path propsFile) {
        Path metaProperties = logDir().resolve("meta.properties");
        Path clusterIdFile = dataDir.resolve("cluster.id");
        if (Files.exists(metaProperties)) {
            clusterId = readClusterId(metaProperties, clusterIdFile);
            return;
        }
        clusterId = readOrCreateClusterId(clusterIdFile);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            // execute(), not main(): main() calls Exit.exit and would end the JVM.
            rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", propsFile.toString()}, ps);
        } catch (Exception e) {
            throw new IllegalStateException("Formatting Kafka storage failed: " + out.toString(StandardCharsets.UTF_8), e);
        }
        if (rc != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed (exit code " + rc + "): "
                    + out.toString(StandardCharsets.UTF_8));
        }
        log.debug("Formatted Kafka storage: {}", out.toString(StandardCharsets.UTF_8).trim());
    }

    private static String readClusterId(Path metaProperties, Path clusterIdFile) {
        Properties meta = new Properties();
        try (var in = Files.newInputStream(metaProperties)) {
            meta.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + metaProperties, e);
        }
        String id = meta.getProperty("cluster.id");
        if (id != null && !Files.exists(clusterIdFile)) {
            writeString(clusterIdFile, id);
        }
        return id;
    }

    private static String readOrCreateClusterId(Path clusterIdFile) {
        if (Files.exists(clusterIdFile)) {
            try {
                String id = Files.readString(clusterIdFile, StandardCharsets.UTF_8).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + clusterIdFile, e);
            }
        }
        String id = Uuid.randomUuid().toString();
        writeString(clusterIdFile, id);
        return id;
    }

    private void awaitReady() {
        long timeoutMs = startupTimeout.toMillis();
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMs, 10_000));
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMs, Integer.MAX_VALUE));
        adminProps.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50);
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness");
        try (Admin admin = Admin.create(adminProps)) {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs))
                    .nodes().get(timeoutMs + 1_000, TimeUnit.MILLISECONDS).size();
            if (nodes == 0) {
                throw new IllegalStateException("Kafka broker at " + bootstrapServers() + " reports no nodes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka at " + bootstrapServers(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka broker at " + bootstrapServers() + " not ready within "
                    + startupTimeout, e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    /** {@code host:port} of the PLAINTEXT listener. Valid once started. */
    public String bootstrapServers() {
        return host + ":" + port();
    }

    /** The PLAINTEXT port (resolved if configured as 0). Valid once started. */
    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("Kafka broker not started yet");
        }
        return port;
    }

    /** The CONTROLLER listener port. Valid once started. */
    public synchronized int controllerPort() {
        return controllerPort;
    }

    public synchronized String clusterId() {
        return clusterId;
    }

    public Path dataDir() {
        return dataDir;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Admin client properties for this broker: bootstrap servers only. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return p;
    }

    /** Creates topics with the broker's default partition count; topics that exist already are left alone. */
    public void createTopics(String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, Optional.empty(), Optional.empty()));
        }
        createTopics(topics);
    }

    /** Creates one topic with {@code partitions} partitions (replication factor 1) unless it exists already. */
    public void createTopic(String name, int partitions) {
        createTopics(List.of(new NewTopic(name, partitions, (short) 1)));
    }

    /** Creates the given topics; those that exist already are left alone. */
    public void createTopics(Collection<NewTopic> topics) {
        Properties p = new Properties();
        p.putAll(clientProperties());
        try (Admin admin = Admin.create(p)) {
            var results = admin.createTopics(topics).values();
            for (var entry : results.entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Creating topic " + entry.getKey() + " failed", e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topics " + topics, e);
        }
    }

    /** Clean shutdown: stops broker and controller and waits until they have stopped. Idempotent. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        long startNanos = System.nanoTime();
        stopServerQuietly();
        log.info("Kafka broker at {}:{} stopped in {} ms", host, port,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private void stopServerQuietly() {
        KafkaRaftServer s = server;
        server = null;
        if (s == null) {
            return;
        }
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Error while stopping Kafka broker", e);
        }
    }

    private Path logDir() {
        return dataDir.resolve("logs");
    }

    private static void writeProperties(Properties props, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "Generated by EmbeddedKafkaBroker; rewritten on every start");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void writeString(Path file, String content) {
        try {
            Files.writeString(file, content + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + host + ":" + port + ", dataDir=" + dataDir + "]";
    }

    /** Configuration of an {@link EmbeddedKafkaBroker}. Only {@link #dataDir(Path)} is required. */
    public static final class Builder {
        private String host = "localhost";
        private int port = DEFAULT_PORT;
        private int controllerPort = 0;
        private Path dataDir;
        private boolean autoCreateTopics = false;
        private int numPartitions = DEFAULT_NUM_PARTITIONS;
        private final Map<String, String> extraProperties = new LinkedHashMap<>();
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

        private Builder() {
        }

        /** PLAINTEXT port; default 9092; 0 picks a free port. */
        public Builder port(int port) {
            this.port = checkPort(port);
            return this;
        }

        /** CONTROLLER port; default 0 (a free port). */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = checkPort(controllerPort);
            return this;
        }

        /** Required: where cluster id, properties and logs live. Created if missing. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Listener host name; default {@code localhost}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** {@code auto.create.topics.enable}; default false. */
        public Builder autoCreateTopics(boolean autoCreateTopics) {
            this.autoCreateTopics = autoCreateTopics;
            return this;
        }

        /** {@code num.partitions} for topics created without a partition count; default 12. */
        public Builder numPartitions(int numPartitions) {
            if (numPartitions < 1) {
                throw new IllegalArgumentException("numPartitions must be positive");
            }
            this.numPartitions = numPartitions;
            return this;
        }

        /** Any broker property; applied last, so it overrides the defaults. */
        public Builder property(String key, String value) {
            extraProperties.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        public Builder properties(Map<String, String> properties) {
            properties.forEach(this::property);
            return this;
        }

        /** Bound on {@link EmbeddedKafkaBroker#start()}'s readiness wait; default 60 s. */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout);
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Invalid port: " + port);
            }
            return port;
        }
    }
}
