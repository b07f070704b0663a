package io.osmigration.platform.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * convert2rhel's pre-conversion report in its own format (oamg/convert2rhel actions/report.py, assessment schema
 * 1.2), with the texts of its real checks: TAINTED_KMODS (convert2rhel/actions/system_checks/tainted_kmods.py) and
 * IS_LOADED_KERNEL_LATEST (is_loaded_kernel_latest.py).
 */
class Convert2RhelReportsTest {

    private static final String REPORT = """
            {"format_version": "1.1", "status": "OVERRIDABLE", "actions": {
              "TAINTED_KMODS": {"messages": [], "result": {"level": "OVERRIDABLE", "id": "TAINTED_KMODS_DETECTED",
                "title": "Tainted kernel modules detected",
                "description": "Please refer to the diagnosis for further information",
                "diagnosis": "Tainted kernel modules detected:\\n  nvidia\\nThird-party components are not supported per our software support policy:\\nhttps://access.redhat.com/third-party-software-support\\n",
                "remediations": "Prevent the modules from loading by following https://access.redhat.com/solutions/41278 and run convert2rhel again to continue with the conversion.",
                "variables": {}}},
              "IS_LOADED_KERNEL_LATEST": {"messages": [{"level": "WARNING", "id": "UNABLE_TO_FETCH_RECENT_KERNELS",
                "title": "Unable to fetch recent kernels",
                "description": "Couldn't fetch the list of the most recent kernels available in the repositories. Did not perform the loaded kernel check.",
                "diagnosis": "", "remediations": "", "variables": {}}],
                "result": {"level": "SUCCESS", "id": "SUCCESS", "title": "", "description": "", "diagnosis": "",
                "remediations": "", "variables": {}}},
              "DBUS_IS_RUNNING": {"messages": [], "result": {"level": "SKIP", "id": "SKIP",
                "title": "Skipped", "description": "Skipped because TAINTED_KMODS was not successful",
                "diagnosis": "", "remediations": "", "variables": {}}}
            }}
            """;

    @Test
    void anOverridableResultIsAnInhibitorAndNeverWavedThrough() {
        PreflightReport report = Convert2RhelReports.parse(REPORT, 2);

        assertThat(report.schema()).isEqualTo("convert2rhel 1.1");
        assertThat(report.critical()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("C2R_TAINTED_KMODS");
            assertThat(f.title()).isEqualTo("Tainted kernel modules detected");
            assertThat(f.detail()).contains("nvidia");
            assertThat(f.hint()).startsWith("Prevent the modules from loading");
            assertThat(f.origin()).isEqualTo("convert2rhel action TAINTED_KMODS (TAINTED_KMODS_DETECTED)");
        });
        assertThat(report.findings()).extracting(PreflightFinding::code, PreflightFinding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("C2R_TAINTED_KMODS", Severity.CRITICAL),
                        org.assertj.core.groups.Tuple.tuple("C2R_IS_LOADED_KERNEL_LATEST", Severity.WARNING),
                        org.assertj.core.groups.Tuple.tuple("C2R_DBUS_IS_RUNNING", Severity.WARNING));
    }

    @Test
    void aFailureTheReportDoesNotExplainStillBlocks() {
        String clean = "{\"format_version\": \"1.1\", \"status\": \"SUCCESS\", \"actions\": {}}";

        assertThat(Convert2RhelReports.parse(clean, 0).blocked()).isFalse();
        assertThat(Convert2RhelReports.parse(clean, 1).critical()).extracting(PreflightFinding::code)
                .containsExactly("C2R_FAILED");
    }
}
