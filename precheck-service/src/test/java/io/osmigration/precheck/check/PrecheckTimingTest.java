package io.osmigration.precheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.osmigration.precheck.IntegrationTestBase;
import io.osmigration.precheck.facts.KnownSources;

/**
 * Measures one check against the simulator: fact collection through RunCommand + DescribeInvocationResults
 * (poll interval 50 ms here), DescribeCloudAssistantStatus, DescribeSnapshots and the rules, checks run one at a
 * time. Writes the numbers to target/precheck-timing.txt.
 */
class PrecheckTimingTest extends IntegrationTestBase {

    private static final int RUNS = 10;

    @Autowired
    private PrecheckService precheckService;
    @Autowired
    private KnownSources knownSources;

    @Test
    void medianAndP95OfOneCheck() throws IOException {
        String sourceId = randomId("s-");
        importSource(sourceId, "i-bp1demo000000000001", JobPrecheckFlowTest.staleFacts(Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> knownSources.find(sourceId).isPresent());

        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < RUNS + 1; i++) {
            String precheckId = precheckService.startStandalone(sourceId, "alinux3");
            await().atMost(Duration.ofSeconds(30)).until(() -> !PrecheckDocument.RUNNING.equals(
                    precheckService.find(precheckId).orElseThrow().status()));
            PrecheckDocument done = precheckService.find(precheckId).orElseThrow();
            assertThat(done.status()).isEqualTo(PrecheckDocument.PASSED);
            if (i >= 1) { // the first one warms up the JIT and builds the simulator's fake root
                millis.add(done.durationMillis());
            }
        }
        Collections.sort(millis);
        long median = millis.get(millis.size() / 2);
        long p95 = millis.get((int) Math.ceil(millis.size() * 0.95) - 1);
        String report = "precheck timing over " + RUNS + " sequential checks against the simulator: median " + median
                + " ms, p95 " + p95 + " ms, min " + millis.get(0) + " ms, max " + millis.get(millis.size() - 1)
                + " ms (all: " + millis + ")";
        System.out.println(report);
        Files.writeString(Path.of("target", "precheck-timing.txt"), report + System.lineSeparator());
        assertThat(p95).isLessThan(10_000);
    }
}
