package io.osmigration.precheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import io.osmigration.events.Finding;
import io.osmigration.events.PrecheckFailed;
import io.osmigration.events.PrecheckPassed;
import io.osmigration.precheck.BigHosts;
import io.osmigration.precheck.IntegrationTestBase;

/**
 * Servers the size of real ones (1,500 real package lines, 89 real modules; see {@link BigHosts}): the collector's
 * output is far beyond what Cloud Assistant returns (24 KB, and 12,000 bytes at its minimum quota), and still the
 * check reads the OS, finds a 32-bit package wherever it is in the listing, blocks the real lsmod for the drivers
 * EL 8 removed, and passes the healthy server.
 */
class BigServerPrecheckTest extends IntegrationTestBase {

    @Test
    void largeServersAreCheckedOnTheirWholeFacts() {
        String batchId = randomId("b-");
        Map<String, String> jobs = new LinkedHashMap<>();
        for (String instance : concat(BigHosts.WITH_I686, List.of(BigHosts.HEALTHY, BigHosts.REAL_LSMOD))) {
            String sourceId = randomId("s-");
            String jobId = randomId("j-");
            jobs.put(instance, jobId);
            send(sourceId, jobRequest(batchId, jobId, sourceId, instance, "anolis8"));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> jobs.values().stream()
                .allMatch(job -> !precheckEventsOfJob(job).isEmpty()));

        for (String instance : BigHosts.WITH_I686) {
            PrecheckFailed failed = (PrecheckFailed) result(jobs.get(instance));
            assertThat(failed.getSourceOs()).isEqualTo("CentOS Linux 7 (Core)");
            assertThat(failed.getFactsStale()).as("fresh facts from Cloud Assistant").isFalse();
            assertThat(critical(failed.getFindings())).extracting(Finding::getCode).as(instance)
                    .containsExactly("I386_PACKAGES");
            assertThat(critical(failed.getFindings()).get(0).getDetail()).contains("glibc.i686");
        }

        SpecificRecord healthy = result(jobs.get(BigHosts.HEALTHY));
        assertThat(healthy).isInstanceOfSatisfying(PrecheckPassed.class, passed -> {
            assertThat(passed.getSourceOs()).isEqualTo("CentOS Linux 7 (Core)");
            assertThat(passed.getFactsStale()).isFalse();
        });

        PrecheckFailed lsmod = (PrecheckFailed) result(jobs.get(BigHosts.REAL_LSMOD));
        assertThat(critical(lsmod.getFindings())).singleElement().satisfies(f -> {
            assertThat(f.getCode()).isEqualTo("KERNEL_MODULE_UNSUPPORTED");
            assertThat(f.getDetail()).contains("floppy", "pata_acpi");
            assertThat(f.getRemediationCommand()).contains("modprobe -r floppy", "modprobe -r pata_acpi");
        });
    }

    private static SpecificRecord result(String jobId) {
        return precheckEventsOfJob(jobId).get(0);
    }

    private static List<Finding> critical(List<Finding> findings) {
        return findings.stream().filter(f -> f.getSeverity().equals("CRITICAL")).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
