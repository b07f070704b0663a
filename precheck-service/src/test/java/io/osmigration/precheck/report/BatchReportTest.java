package io.osmigration.precheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.osmigration.precheck.rules.Finding;
import io.osmigration.precheck.rules.Severity;

class BatchReportTest {

    private static Finding critical(String code) {
        return new Finding(code, Severity.CRITICAL, code + " title", code + " detail", code + " hint", null);
    }

    private static Finding warning(String code) {
        return new Finding(code, Severity.WARNING, code + " title", code + " detail", null, null);
    }

    private static CheckOutcome outcome(String instance, String status, Finding... findings) {
        return new CheckOutcome("pc-" + instance, "s-" + instance, instance, "alinux3", status, List.of(findings));
    }

    @Test
    void blockersAreRankedByHowManyInstancesTheirFixUnblocks() {
        BatchReport report = BatchReport.of("b-1", List.of(
                // DISK_SPACE blocks 3 instances but is the only blocker of just one
                outcome("i-1", "FAILED", critical("DISK_SPACE"), critical("I386_PACKAGES")),
                outcome("i-2", "FAILED", critical("DISK_SPACE"), critical("MEMORY")),
                outcome("i-3", "FAILED", critical("DISK_SPACE")),
                // MEMORY is the only blocker of two
                outcome("i-4", "FAILED", critical("MEMORY")),
                outcome("i-5", "FAILED", critical("MEMORY"), warning("EPEL_MODULAR")),
                outcome("i-6", "PASSED", warning("EPEL_MODULAR")),
                outcome("i-7", "RUNNING")));

        assertThat(report.total()).isEqualTo(7);
        assertThat(report.passed()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(5);
        assertThat(report.running()).isEqualTo(1);
        assertThat(report.blockers()).extracting(BatchReport.Group::code)
                .containsExactly("MEMORY", "DISK_SPACE", "I386_PACKAGES");
        assertThat(report.blockers()).extracting(BatchReport.Group::unblocks).containsExactly(2, 1, 0);
        assertThat(report.blockers()).extracting(BatchReport.Group::instanceCount).containsExactly(3, 3, 1);
        assertThat(report.blockers().get(0).instances()).extracting(BatchReport.Instance::instanceId)
                .containsExactly("i-2", "i-4", "i-5");
        assertThat(report.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("EPEL_MODULAR");
            assertThat(w.instanceCount()).isEqualTo(2);
        });
    }

    @Test
    void aCodeCountsOncePerInstance() {
        BatchReport report = BatchReport.of("b-1", List.of(outcome("i-1", "FAILED",
                critical("KERNEL_MODULE_UNSUPPORTED"), critical("KERNEL_MODULE_UNSUPPORTED"))));
        assertThat(report.blockers()).singleElement().satisfies(g -> {
            assertThat(g.instanceCount()).isEqualTo(1);
            assertThat(g.unblocks()).isEqualTo(1);
        });
    }

    @Test
    void textReportsAreReadable() {
        BatchReport report = BatchReport.of("b-9", List.of(outcome("i-1", "FAILED", critical("MEMORY"))));
        assertThat(TextReports.batch(report)).contains("Batch b-9: 1 check(s), 0 passed, 1 failed",
                "1. MEMORY — MEMORY title", "fixing it unblocks 1", "* i-1: MEMORY detail", "Fix: MEMORY hint");
        String single = TextReports.single(outcome("i-1", "FAILED", new Finding("I386_PACKAGES", Severity.CRITICAL,
                "32-bit", "glibc.i686", "remove", "yum remove -y glibc.i686")), "CentOS Linux 7 (Core)", "x86_64",
                "collected at now");
        assertThat(single).contains("Pre-check pc-i-1: FAILED", "System:      CentOS Linux 7 (Core) x86_64",
                "1. [CRITICAL] I386_PACKAGES — 32-bit", "Run: yum remove -y glibc.i686");
    }
}
