package io.osmigration.allinone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One all-in-one stack per test JVM on free ports, shared by the end-to-end tests: starting it costs most of their
 * time. Closed by a shutdown hook when the JVM ends.
 */
final class AllInOneStack {

    static final String TOKEN = "e2e-token";
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
                    "--osm.notifications.default-email-recipients=" + OPS_MAILBOX,
                    "--osm.kafka.partitions=4",
                    // These tests migrate the demo fleet to Alibaba Cloud Linux 3, an experimental path of the
                    // migration catalogue (its tool is not public): enabled here, refused by default.
                    "--osm.migration.experimental-paths=true"));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-shutdown"));
            stack.start();
            stack.infrastructure().mail().user(OPS_MAILBOX, "ops-password");
        }
        return stack;
    }

    static WebTestClient client(String service) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + get().port(service))
                .defaultHeader("Authorization", "Bearer " + TOKEN)
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
