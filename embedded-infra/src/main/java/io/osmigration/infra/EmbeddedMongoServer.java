package io.osmigration.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol server in this JVM (mongo-java-server), backed by memory or by an H2 MVStore file.
 *
 * <pre>{@code
 * try (EmbeddedMongoServer mongo = EmbeddedMongoServer.builder().port(0).build().start()) {
 *     MongoClient client = MongoClients.create(mongo.connectionString());
 * }
 * }</pre>
 *
 * <p>The oplog is off unless {@link Builder#oplog(boolean)} asks for it (change streams need it; no service reads
 * one): mongo-java-server's oplog looks up every updated document a second time and keeps a document per write for as
 * long as the server runs, which at fleet scale cost a third of the server's time. There are no sessions and no
 * multi-document transactions. A query that names {@code _id} beside other conditions reads its documents through
 * the {@code _id} index, as MongoDB would ({@link IdIndexLookup}); other secondary indexes are not used. Operations
 * run one at a time, so a {@code findAndModify} or an upsert is atomic as on MongoDB ({@link OneOperationAtATime}). With {@link Builder#dataDir(Path)} documents and indexes are kept in {@code <dataDir>/mongo.mv} and
 * survive a restart; without it everything lives in memory and is gone after {@link #close()}. A closed instance can
 * be started again (with a memory backend it starts empty).
 *
 * <p>{@link #stop()} and {@link #start()} again imitate a database that goes away and comes back, for resilience
 * tests: clients lose their connections, and the server returns on the port it had before (even one first chosen
 * with {@code port(0)}), so they reconnect by themselves; with an H2 file it comes back with its data, a memory
 * backend starts empty.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    public static final int DEFAULT_PORT = 27017;
    public static final String H2_FILE_NAME = "mongo.mv";

    private final String host;
    private final int configuredPort;
    private final Path h2File;
    private final boolean oplog;

    private MongoServer server;
    private int port;

    private EmbeddedMongoServer(Builder b) {
        this.host = b.host;
        this.configuredPort = b.port;
        this.h2File = b.h2File == null ? null : b.h2File.toAbsolutePath();
        this.oplog = b.oplog;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the server; returns {@code this}. A no-op when already running. */
    public synchronized EmbeddedMongoServer start() {
        if (server != null) {
            return this;
        }
        AbstractMongoBackend newBackend;
        if (h2File != null) {
            try {
                Files.createDirectories(h2File.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create " + h2File.getParent(), e);
            }
            newBackend = new IndexedH2Backend(h2File.toString());
        } else {
            newBackend = new IndexedMemoryBackend();
        }
        if (oplog) {
            newBackend.enableOplog();
        }
        MongoServer newServer = new MongoServer(OneOperationAtATime.around(newBackend));
        // Once bound, the server keeps its port across stop() and start(), so clients find it again.
        int bindPort = port != 0 ? port : configuredPort;
        try {
            newServer.bind(host, bindPort);
        } catch (Exception e) { // Netty throws java.net.BindException (checked) without declaring it
            newServer.shutdownNow();
            throw new IllegalStateException("Cannot bind MongoDB server to " + host + ":" + bindPort, e);
        }
        InetSocketAddress address = newServer.getLocalAddress();
        this.port = address.getPort();
        this.server = newServer;
        log.info("MongoDB wire server listening on {} ({})", connectionString(),
                h2File != null ? "H2 file " + h2File : "memory");
        return this;
    }

    /** {@code mongodb://host:port}, no database. Valid once started. */
    public synchronized String connectionString() {
        return "mongodb://" + host + ":" + port();
    }

    public synchronized int port() {
        if (port == 0) {
            throw new IllegalStateException("MongoDB server not started yet");
        }
        return port;
    }

    public String host() {
        return host;
    }

    /** The H2 file, or {@code null} for a memory backend. */
    public Path h2File() {
        return h2File;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /**
     * Goes away like a crashed or stopped database: stops listening and drops every client connection. {@link #start()}
     * brings it back on the same port (with its data when backed by an H2 file).
     */
    public synchronized void stop() {
        close();
    }

    /** Stops listening, closes client connections and the backend (which commits and closes the H2 file). */
    @Override
    public synchronized void close() {
        MongoServer s = server;
        server = null;
        if (s == null) {
            return;
        }
        try {
            s.shutdownNow(); // closes client connections, the event loops and the backend (commits the H2 file)
        } catch (RuntimeException e) {
            log.warn("Error while stopping MongoDB server", e);
        }
        log.info("MongoDB wire server on {}:{} stopped", host, port);
    }

    @Override
    public String toString() {
        return "EmbeddedMongoServer[" + host + ":" + port + ", " + (h2File != null ? h2File : "memory") + "]";
    }

    /** Configuration of an {@link EmbeddedMongoServer}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private Path h2File;
        private boolean oplog;

        private Builder() {
        }

        /** Default 27017; 0 binds a free port (no race: the server binds it itself). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Invalid port: " + port);
            }
            this.port = port;
            return this;
        }

        /** Bind address; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Memory backend (the default). */
        public Builder inMemory() {
            this.h2File = null;
            return this;
        }

        /** Persistent H2 backend in {@code <dataDir>/mongo.mv}. */
        public Builder dataDir(Path dataDir) {
            this.h2File = dataDir.resolve(H2_FILE_NAME);
            return this;
        }

        /** Persistent H2 backend in exactly this file. */
        public Builder h2File(Path file) {
            this.h2File = Objects.requireNonNull(file);
            return this;
        }

        /** Whether to enable the oplog (needed by change streams); default false. */
        public Builder oplog(boolean oplog) {
            this.oplog = oplog;
            return this;
        }

        public EmbeddedMongoServer build() {
            return new EmbeddedMongoServer(this);
        }
    }
}
