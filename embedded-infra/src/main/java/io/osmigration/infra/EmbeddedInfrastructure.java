package io.osmigration.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka broker + MongoDB wire server + SMTP/IMAP server, started and stopped together.
 *
 * <ul>
 *   <li>{@link #forTests()}: free ports, memory MongoDB, Kafka in a temporary directory deleted on close.</li>
 *   <li>{@link #shared()}: one {@link #forTests()} instance per JVM, started on first use and stopped by a shutdown
 *       hook; its {@link #close()} does nothing, so test classes can share one broker.</li>
 *   <li>{@link #allInOne(Path)}: fixed default ports (Kafka 9092, MongoDB 27017, SMTP 3025, IMAP 3143), Kafka in
 *       {@code <dataDir>/kafka}, MongoDB (H2) in {@code <dataDir>/mongo/mongo.mv}; data survives restarts.</li>
 *   <li>{@link #builder()} for anything else.</li>
 * </ul>
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private static final Object SHARED_LOCK = new Object();
    private static volatile EmbeddedInfrastructure shared;

    private final EmbeddedKafkaBroker kafka;
    private final EmbeddedMongoServer mongo;
    private final EmbeddedMailServer mail;
    private final Path temporaryDir;
    private final boolean isShared;
    private boolean started;
    private boolean closed;

    private EmbeddedInfrastructure(EmbeddedKafkaBroker kafka, EmbeddedMongoServer mongo, EmbeddedMailServer mail,
            Path temporaryDir, boolean isShared) {
        this.kafka = kafka;
        this.mongo = mongo;
        this.mail = mail;
        this.temporaryDir = temporaryDir;
        this.isShared = isShared;
    }

    /** A started test set-up: free ports, memory MongoDB, Kafka in a temporary directory (deleted on close). */
    public static EmbeddedInfrastructure forTests() {
        return builder().build().start();
    }

    /** A started all-in-one set-up with fixed default ports and persistent data under {@code dataDir}. */
    public static EmbeddedInfrastructure allInOne(Path dataDir) {
        return builder().allInOne(dataDir).build().start();
    }

    /**
     * The JVM-wide test instance: started on the first call (free ports, memory MongoDB), stopped by a shutdown hook.
     * Calling {@link #close()} on it does nothing. Tests sharing it should use their own topic names, consumer groups
     * and databases (or clean up after themselves).
     */
    public static EmbeddedInfrastructure shared() {
        EmbeddedInfrastructure instance = shared;
        if (instance != null) {
            return instance;
        }
        synchronized (SHARED_LOCK) {
            if (shared == null) {
                EmbeddedInfrastructure created = builder().shared(true).build().start();
                Thread hook = new Thread(created::stop, "embedded-infrastructure-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                shared = created;
            }
            return shared;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts Kafka, MongoDB and mail; returns {@code this}. On failure whatever was started is stopped again. */
    public synchronized EmbeddedInfrastructure start() {
        if (closed) {
            throw new IllegalStateException("Already closed");
        }
        if (started) {
            return this;
        }
        long startNanos = System.nanoTime();
        try {
            mongo.start();
            mail.start();
            kafka.start();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        started = true;
        log.info("Embedded infrastructure up in {} ms: kafka={} mongo={} smtp={} imap={}",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), kafkaBootstrapServers(), mongoUri(),
                smtpPort(), imapPort());
        return this;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** {@code mongodb://127.0.0.1:PORT} (no database). */
    public String mongoUri() {
        return mongo.connectionString();
    }

    public int smtpPort() {
        return mail.smtpPort();
    }

    public int imapPort() {
        return mail.imapPort();
    }

    /** The host the mail server binds (SMTP and IMAP). */
    public String mailHost() {
        return mail.host();
    }

    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    public EmbeddedMongoServer mongo() {
        return mongo;
    }

    public EmbeddedMailServer mail() {
        return mail;
    }

    /**
     * Spring Boot 4 properties pointing at this infrastructure: {@code spring.kafka.bootstrap-servers},
     * {@code spring.mongodb.uri}, {@code spring.mail.host}, {@code spring.mail.port}. Handy in a
     * {@code @DynamicPropertySource} or as {@code SpringApplication} default properties.
     */
    public Map<String, String> springProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
        p.put("spring.mongodb.uri", mongoUri());
        p.put("spring.mail.host", mailHost());
        p.put("spring.mail.port", Integer.toString(smtpPort()));
        return p;
    }

    public boolean isShared() {
        return isShared;
    }

    /** Stops everything (Kafka cleanly). Does nothing on the {@link #shared()} instance. */
    @Override
    public void close() {
        if (isShared) {
            log.debug("close() ignored on the shared embedded infrastructure; a shutdown hook stops it");
            return;
        }
        stop();
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        long startNanos = System.nanoTime();
        RuntimeException failure = null;
        for (AutoCloseable part : new AutoCloseable[] {kafka, mongo, mail}) {
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Stopping embedded infrastructure failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (temporaryDir != null) {
            deleteRecursively(temporaryDir);
        }
        log.info("Embedded infrastructure stopped in {} ms",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        if (failure != null) {
            throw failure;
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", dir, e.toString());
        }
    }

    /**
     * Configuration. Defaults are the test set-up (free ports, memory MongoDB, temporary Kafka directory);
     * {@link #allInOne(Path)} switches to fixed ports and persistent data. Customizers run last and may override.
     */
    public static final class Builder {
        private Path dataDir;
        private boolean fixedPorts;
        private boolean shared;
        private Consumer<EmbeddedKafkaBroker.Builder> kafkaCustomizer = b -> { };
        private Consumer<EmbeddedMongoServer.Builder> mongoCustomizer = b -> { };
        private Consumer<EmbeddedMailServer.Builder> mailCustomizer = b -> { };

        private Builder() {
        }

        /** Fixed default ports, Kafka in {@code <dataDir>/kafka}, H2-backed MongoDB in {@code <dataDir>/mongo}. */
        public Builder allInOne(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir);
            this.fixedPorts = true;
            return this;
        }

        /** Persistent data under {@code dataDir} (Kafka and H2 MongoDB), keeping the port choice as is. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir);
            return this;
        }

        /** Fixed default ports (true) or free ports (false, the default). */
        public Builder fixedPorts(boolean fixedPorts) {
            this.fixedPorts = fixedPorts;
            return this;
        }

        public Builder kafka(Consumer<EmbeddedKafkaBroker.Builder> customizer) {
            this.kafkaCustomizer = Objects.requireNonNull(customizer);
            return this;
        }

        public Builder mongo(Consumer<EmbeddedMongoServer.Builder> customizer) {
            this.mongoCustomizer = Objects.requireNonNull(customizer);
            return this;
        }

        public Builder mail(Consumer<EmbeddedMailServer.Builder> customizer) {
            this.mailCustomizer = Objects.requireNonNull(customizer);
            return this;
        }

        Builder shared(boolean shared) {
            this.shared = shared;
            return this;
        }

        /** Builds without starting; call {@link EmbeddedInfrastructure#start()}. */
        public EmbeddedInfrastructure build() {
            Path tempDir = null;
            Path kafkaDir;
            if (dataDir != null) {
                kafkaDir = dataDir.toAbsolutePath().resolve("kafka");
            } else {
                try {
                    tempDir = Files.createTempDirectory("osmigration-infra-");
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot create a temporary directory", e);
                }
                kafkaDir = tempDir.resolve("kafka");
            }
            EmbeddedKafkaBroker.Builder kafkaBuilder = EmbeddedKafkaBroker.builder()
                    .dataDir(kafkaDir)
                    .port(fixedPorts ? EmbeddedKafkaBroker.DEFAULT_PORT : 0);
            EmbeddedMongoServer.Builder mongoBuilder = EmbeddedMongoServer.builder()
                    .port(fixedPorts ? EmbeddedMongoServer.DEFAULT_PORT : 0);
            if (dataDir != null) {
                mongoBuilder.dataDir(dataDir.toAbsolutePath().resolve("mongo"));
            }
            EmbeddedMailServer.Builder mailBuilder = EmbeddedMailServer.builder()
                    .smtpPort(fixedPorts ? EmbeddedMailServer.DEFAULT_SMTP_PORT : 0)
                    .imapPort(fixedPorts ? EmbeddedMailServer.DEFAULT_IMAP_PORT : 0);
            kafkaCustomizer.accept(kafkaBuilder);
            mongoCustomizer.accept(mongoBuilder);
            mailCustomizer.accept(mailBuilder);
            return new EmbeddedInfrastructure(kafkaBuilder.build(), mongoBuilder.build(), mailBuilder.build(),
                    tempDir, shared);
        }
    }
}
