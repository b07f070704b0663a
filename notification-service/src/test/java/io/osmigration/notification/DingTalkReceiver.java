package io.osmigration.notification;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A DingTalk custom robot on loopback that checks what DingTalk checks: the access token, a timestamp within an
 * hour of its clock, the signature {@code Base64(HmacSHA256(secret, timestamp + "\n" + secret))}, and a markdown
 * payload with a title and a text. Computes the signature itself, independently of the production code.
 */
final class DingTalkReceiver implements AutoCloseable {

    private static final long MAX_SKEW_MILLIS = 60 * 60 * 1000L;

    private final String accessToken;
    private final String secret;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final JsonMapper json = JsonMapper.builder().build();
    final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    final List<String> rejected = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    record Accepted(long timestamp, String title, String text) {
    }

    DingTalkReceiver(String accessToken, String secret) throws IOException {
        this.accessToken = accessToken;
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/robot/send", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/robot/send?access_token=" + accessToken;
    }

    /** The next {@code count} requests get HTTP 500. */
    void failNext(int count) {
        failNext.set(count);
    }

    /** Requests wait until {@link #open()}. */
    void close(boolean closed) {
        gate = new CountDownLatch(closed ? 1 : 0);
    }

    void open() {
        gate.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try {
            waiting.incrementAndGet();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } finally {
                waiting.decrementAndGet();
            }
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                respond(exchange, 500, "{\"errcode\":-1,\"errmsg\":\"system busy\"}");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!accessToken.equals(query.get("access_token"))) {
                reject(exchange, 300001, "token is not exist");
                return;
            }
            long timestamp = Long.parseLong(query.getOrDefault("timestamp", "0"));
            if (Math.abs(System.currentTimeMillis() - timestamp) > MAX_SKEW_MILLIS) {
                reject(exchange, 310000, "invalid timestamp " + timestamp);
                return;
            }
            String expected = sign(timestamp);
            String presented = query.getOrDefault("sign", "");
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    presented.getBytes(StandardCharsets.UTF_8))) {
                reject(exchange, 310000, "sign not match");
                return;
            }
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            String title = body.path("markdown").path("title").asString("");
            String text = body.path("markdown").path("text").asString("");
            if (!"markdown".equals(body.path("msgtype").asString("")) || title.isBlank() || text.isBlank()) {
                reject(exchange, 40035, "invalid markdown payload");
                return;
            }
            accepted.add(new Accepted(timestamp, title, text));
            respond(exchange, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 500, "{}");
        } catch (RuntimeException e) {
            respond(exchange, 400, "{\"errcode\":40035,\"errmsg\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private void reject(HttpExchange exchange, int errcode, String errmsg) throws IOException {
        rejected.add(errcode + " " + errmsg);
        respond(exchange, 200, "{\"errcode\":" + errcode + ",\"errmsg\":\"" + errmsg + "\"}");
    }

    private String sign(long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        open();
        server.stop(0);
        executor.shutdownNow();
    }
}
