package io.osmigration.platform.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

class LeappReportsTest {

    @Test
    void theRealSchema110ReportBlocksOnItsTwoInhibitorsWithLeappsRemediationCommand() {
        PreflightReport report = LeappReports.parse(RealLeappReports.stableKeyReport(), 1);

        assertThat(report.schema()).isEqualTo("leapp 1.1.0 (flags)");
        assertThat(report.findings()).hasSize(12);
        assertThat(report.critical()).extracting(PreflightFinding::code)
                .containsExactlyInAnyOrder("SSHD_PERMIT_ROOT_LOGIN", "LEAPP_ANSWERS_MISSING");
        PreflightFinding answers = report.critical().stream().filter(f -> f.code().equals("LEAPP_ANSWERS_MISSING"))
                .findFirst().orElseThrow();
        assertThat(answers.title()).isEqualTo("Missing required answers in the answer file");
        assertThat(answers.command()).isEqualTo("leapp answer --section remove_pam_pkcs11_module_check.confirm=True");
        assertThat(answers.targets()).containsExactly("remove_pam_pkcs11_module_check.confirm=True");
        assertThat(answers.origin()).isEqualTo("leapp inhibitor from actor verify_check_results, key d35f6c6b1b1fa6924ef442e3670d90fa92f0d54b");
        assertThat(report.findings()).filteredOn(f -> f.title().startsWith("Difference in Python versions"))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.code()).isEqualTo("LEAPP_0C98585B1D8D");
                    assertThat(f.hint()).contains("alternatives --set python /usr/bin/python3");
                });
        assertThat(report.blocked()).isTrue();
    }

    @Test
    void theSameReportInSchema120IsJudgedTheSame() {
        List<ObjectNode> entries = RealLeappReports.jsonEntries().stream().map(RealLeappReports::toSchema120).toList();

        PreflightReport report = LeappReports.parse(RealLeappReports.report(entries), 1);

        assertThat(report.schema()).isEqualTo("leapp 1.2.0 (groups)");
        assertThat(report.critical()).extracting(PreflightFinding::code)
                .containsExactlyInAnyOrder("SSHD_PERMIT_ROOT_LOGIN", "LEAPP_ANSWERS_MISSING");
    }

    @Test
    void anActorErrorIsCriticalInSchema120AndStillBlocksWhenSchema110HidesIt() {
        // leapp/reporting create_report_from_error: the error's message and details, severity high, group "error".
        ObjectNode error = RealLeappReports.JSON.createObjectNode();
        error.put("title", "Unable to use yum successfully");
        error.put("summary", "Failed to download the target userspace: Cannot find a valid baseurl for repo: base/7/x86_64");
        error.put("severity", "high");
        error.put("audience", "sysadmin");
        error.put("actor", "target_userspace_creator");
        error.put("key", "5d4e6b3a1e0b7f9c2a8d6e4f1b3c5a7d9e0f2a4b");
        error.putArray("groups").add("error");
        List<ObjectNode> clean = RealLeappReports.jsonEntries().stream()
                .filter(e -> !e.path("flags").toString().contains("inhibitor")).toList();

        List<ObjectNode> with120 = new ArrayList<>(clean.stream().map(RealLeappReports::toSchema120).toList());
        with120.add(error);
        PreflightReport v120 = LeappReports.parse(RealLeappReports.report(with120), 1);
        assertThat(v120.critical()).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("Unable to use yum successfully");
            assertThat(f.origin()).startsWith("leapp actor error from actor target_userspace_creator");
        });

        ObjectNode hidden = error.deepCopy();
        hidden.remove("groups");
        hidden.putArray("flags");
        hidden.putArray("tags");
        List<ObjectNode> with110 = new ArrayList<>(clean);
        with110.add(hidden);
        PreflightReport v110 = LeappReports.parse(RealLeappReports.report(with110), 1);
        assertThat(v110.critical()).extracting(PreflightFinding::code).containsExactly("LEAPP_FAILED");
        assertThat(v110.findings()).filteredOn(f -> f.title().equals("Unable to use yum successfully"))
                .singleElement().extracting(PreflightFinding::severity).isEqualTo(Severity.WARNING);
    }

    @Test
    void theRemovedDriversInhibitorNamesTheDriversForTheKnownRemedy() {
        // The report of actor check_detected_devices_and_drivers (checkdddd.py) for the real lsmod's drivers.
        ObjectNode drivers = RealLeappReports.JSON.createObjectNode();
        drivers.put("title", "Leapp detected loaded kernel drivers which have been removed in RHEL 8. Upgrade cannot proceed.");
        drivers.put("summary", "Support for the following RHEL 7 device drivers has been removed in RHEL 8:\n     - floppy\n     - pata_acpi\n");
        drivers.put("severity", "high");
        drivers.put("actor", "check_detected_devices_and_drivers");
        drivers.put("key", "c6a1b0d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8");
        drivers.putArray("groups").add("kernel").add("drivers").add("inhibitor");

        PreflightReport report = LeappReports.parse(RealLeappReports.report(List.of(drivers)), 1);

        assertThat(report.critical()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("KERNEL_MODULE_UNSUPPORTED");
            assertThat(f.targets()).containsExactly("floppy", "pata_acpi");
        });
    }

    @Test
    void aCleanReportWithExitCodeZeroDoesNotBlock() {
        List<ObjectNode> clean = RealLeappReports.textEntries();

        PreflightReport report = LeappReports.parse(RealLeappReports.report(clean), 0);

        assertThat(clean).hasSize(17);
        assertThat(report.blocked()).isFalse();
        assertThat(report.findings()).hasSize(17).filteredOn(f -> f.severity() == Severity.WARNING).hasSize(5);
    }

    @Test
    void aReportOf200KilobytesIsReadWholeInBothSchemas() {
        List<ObjectNode> entries = RealLeappReports.entriesOfAtLeast(200 * 1024);
        long inhibitors = entries.stream().filter(e -> e.path("flags").toString().contains("inhibitor")).count();
        String v110 = RealLeappReports.report(entries);
        String v120 = RealLeappReports.report(entries.stream().map(RealLeappReports::toSchema120).toList());
        assertThat(v110.length()).isGreaterThan(200 * 1024);

        for (String json : List.of(v110, v120)) {
            PreflightReport report = LeappReports.parse(json, 1);
            assertThat(report.findings()).hasSize(entries.size());
            assertThat(report.critical()).hasSize((int) inhibitors);
            assertThat(report.critical()).filteredOn(f -> f.code().equals("LEAPP_ANSWERS_MISSING"))
                    .isNotEmpty().allSatisfy(f -> assertThat(f.command())
                            .isEqualTo("leapp answer --section remove_pam_pkcs11_module_check.confirm=True"));
        }
    }

    @Test
    void somethingElseThanAReportIsRefused() {
        assertThatThrownBy(() -> LeappReports.parse("Traceback (most recent call last):", 1))
                .hasMessageStartingWith("the Leapp report is not JSON");
        assertThatThrownBy(() -> LeappReports.parse("{\"leapp_run_id\": \"x\"}", 0))
                .hasMessage("the Leapp report has no entries list");
    }
}
