package io.osmigration.executor;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Plays source-registry's {@code GET /api/v1/sources/{sourceId}} for the executor's tests: a source is known here the
 * moment it is imported, before its SourceImported reaches the executor. Requires the test token.
 */
final class FakeRegistry implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> sources = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    FakeRegistry() {
        // Without it the JDK server's separate header and body writes meet the client's delayed ACK: 40 ms a lookup.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/sources/", this::answer);
        server.setExecutor(Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "fake-registry");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The source exists in the registry (as right after POST /api/v1/sources/ecs answered). */
    void imported(String sourceId, String instanceId, String regionId) {
        sources.put(sourceId, "{\"sourceId\":\"" + sourceId + "\",\"instanceId\":\"" + instanceId
                + "\",\"regionId\":\"" + regionId + "\",\"hostname\":\"" + instanceId
                + "\",\"os\":{\"id\":\"centos\",\"versionId\":\"7\",\"prettyName\":\"CentOS Linux 7 (Core)\"},"
                + "\"arch\":\"x86_64\",\"status\":\"ONLINE\",\"importMethod\":\"ECS\"}");
    }

    int lookups() {
        return lookups.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        lookups.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        String sourceId = path.substring(path.lastIndexOf('/') + 1);
        String body;
        int status;
        if (!("Bearer " + TestEnvironment.TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            status = 401;
            body = "{\"title\":\"Unauthorized\",\"status\":401}";
        } else if (sources.containsKey(sourceId)) {
            status = 200;
            body = sources.get(sourceId);
        } else {
            status = 404;
            body = "{\"title\":\"Not found\",\"status\":404,\"detail\":\"source " + sourceId + " does not exist\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
