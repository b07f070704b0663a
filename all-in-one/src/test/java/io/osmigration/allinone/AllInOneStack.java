package io.osmigration.allinone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.test.web.reactive.server.WebTestClient;

import io.osmigration.platform.security.ConfiguredTokens;

/**
 * One all-in-one stack per test JVM on free ports, shared by the end-to-end tests: starting it costs most of their
 * time. Closed by a shutdown hook when the JVM ends.
 */
final class AllInOneStack {

    /** The run's admin token (named admin). */
    static final String TOKEN = "e2e-token";
    static final String VIEWER_TOKEN = "e2e-viewer-token";
    static final String OPERATOR_TOKEN = "e2e-operator-token";
    static final String OPS_MAILBOX = "ops@osmigration.test";

    private static AllInOne stack;

    private AllInOneStack() {
    }

    static synchronized AllInOne get() {
        if (stack == null) {
            Path dataDir = tempDir();
            stack = new AllInOne(AllInOneConfig.withFreePorts(dataDir), TOKEN, List.of(
                    "--osm.snapshots.retention=PT0S",
                    "--osm.simulator.snapshot-duration=PT0.5S",
                    "--osm.simulator.reboot-duration=PT0.5S",
                    "--osm.simulator.fleet-file=" + DemoFleet.writeEndToEndFleet(dataDir),
                    // The real tools' durations at 1/1000 (Leapp's 40-minute offline phase: 2.4 s), the agent's
                    // heartbeat every 2 s rather than 60 s, and the executor's looks at a restarting instance
                    // backing off to 2 s rather than a minute.
                    "--osm.simulator.time-scale=0.001", "--osm.simulator.agent-heartbeat=PT2S",
                    "--osm.executor.reboot-poll-max=2s",
                    // CentOS → RHEL is for allow-listed accounts in SMC; these tests run it
                    "--osm.precheck.rhel-conversion-allowed=true",
                    "--osm.notifications.default-email-recipients=" + OPS_MAILBOX,
                    "--osm.kafka.partitions=4",
                    "--osm.security.tokens[1].name=e2e-viewer", "--osm.security.tokens[1].role=viewer",
                    "--osm.security.tokens[1].sha256=" + ConfiguredTokens.hash(VIEWER_TOKEN),
                    "--osm.security.tokens[2].name=e2e-operator", "--osm.security.tokens[2].role=operator",
                    "--osm.security.tokens[2].sha256=" + ConfiguredTokens.hash(OPERATOR_TOKEN)));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-shutdown"));
            stack.start();
            stack.infrastructure().mail().user(OPS_MAILBOX, "ops-password");
        }
        return stack;
    }

    static WebTestClient client(String service) {
        return client(service, TOKEN);
    }

    static WebTestClient client(String service, String token) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + get().port(service))
                .defaultHeader("Authorization", "Bearer " + token)
                .responseTimeout(java.time.Duration.ofSeconds(30))
                .build();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("osm-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
