package io.osmigration.infra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts Kafka (localhost:9092), MongoDB (127.0.0.1:27017), SMTP (3025) and IMAP (3143) with data in {@code ./data}
 * (or the directory given as first argument) and runs until Ctrl-C.
 */
public final class EmbeddedInfrastructureMain {

    private EmbeddedInfrastructureMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Before the first logger is created: quiet Kafka unless the caller configured logback.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/osmigration/infra/embedded-infra-logback.xml");
        }
        Path dataDir = Path.of(args.length > 0 ? args[0] : "data").toAbsolutePath();
        EmbeddedInfrastructure infra = EmbeddedInfrastructure.allInOne(dataDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                infra.close();
            } finally {
                stopped.countDown();
            }
        }, "embedded-infrastructure-main-shutdown"));

        System.out.println("Embedded infrastructure running (data in " + dataDir + "); Ctrl-C to stop");
        infra.springProperties().forEach((k, v) -> System.out.println("  " + k + "=" + v));
        System.out.println("  imap=" + infra.mailHost() + ":" + infra.imapPort());
        stopped.await();
    }
}
