package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.osmigration.events.MigrationFailed;
import io.osmigration.simulator.InstanceView;

/**
 * The catalogue's Leapp recipe against the simulator's real Leapp: removed drivers from a real lsmod block the drill
 * (read from a report of over 200 KB), the batch's autoRemediate lets the recipe unload and blacklist them, and a
 * restart that never comes back fails the job at the recipe's deadline and rolls it back.
 */
class RealToolsMigrationTest extends ExecutorIntegrationTest {

    @BeforeEach
    void catalog() {
        awaitCatalog();
    }

    @Test
    void aHostWithTheRealLsmodIsBlockedForItsRemovedDriversWithLeappsRemedy() throws IOException {
        String instance = TestFleet.REAL_MODULES_BIG;
        Map<String, Object> created = submit(batch(requestId(), "DRILL_AND_MIGRATE", List.of(instance)));
        String batchId = (String) created.get("batchId");

        Map<String, Object> job = awaitJobState(batchId, instance, "FAILED");

        assertThat(job.get("failedStep")).isEqualTo("DRILL");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) job.get("findings");
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.get("source")).isEqualTo("DRILL");
            assertThat(f.get("code")).isEqualTo("KERNEL_MODULE_UNSUPPORTED");
            assertThat(f.get("severity")).isEqualTo("CRITICAL");
            assertThat(f.get("targets")).asList().contains("floppy", "pata_acpi");
        });
        // The report Leapp wrote on the instance is far beyond Cloud Assistant's 24 KB, and was read whole: its
        // last entries (the package checks of a 3,000-package host) are findings too.
        Path report = root(instance).resolve("var/log/leapp/leapp-report.json");
        assertThat(Files.size(report)).isGreaterThan(200_000);
        assertThat(findings.stream().filter(f -> "DRILL".equals(f.get("source"))).count()).isGreaterThan(5);
        assertThat(job.get("steps")).asList().isEmpty();
        assertThat(env.simulator.engine().instance(instance).orElseThrow().osId()).isEqualTo("centos");
    }

    @Test
    void theSameDriversAreUnloadedAndBlacklistedWhenTheBatchAllowsItAndTheHostMigrates() throws IOException {
        String instance = TestFleet.REAL_MODULES;
        Map<String, Object> body = new HashMap<>(batch(requestId(), "DRILL_AND_MIGRATE", List.of(instance)));
        body.put("autoRemediate", List.of("KERNEL_MODULE_UNSUPPORTED"));
        String batchId = (String) submit(body).get("batchId");

        Map<String, Object> job = awaitJobState(batchId, instance, "COMPLETED");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
        assertThat(steps).extracting(s -> s.get("name")).containsExactly("INSTALL", "ANSWER",
                "REMEDIATE_KERNEL_MODULE_UNSUPPORTED", "UPGRADE", "REBOOT", "VERIFY");
        assertThat(Files.readString(root(instance).resolve("etc/modprobe.d/osmigration-removed-drivers.conf")))
                .contains("blacklist floppy", "blacklist pata_acpi");
        InstanceView migrated = env.simulator.engine().instance(instance).orElseThrow();
        assertThat(migrated.osId()).isEqualTo("anolis");
        assertThat(Files.readString(root(instance).resolve("proc/modules"))).doesNotContain("floppy ", "pata_acpi ");
    }

    @Test
    void aRestartThatNeverComesBackFailsTheJobAtTheDeadlineAndRollsItBack() {
        String instance = TestFleet.NEVER_RETURNS;
        Map<String, Object> created = submit(batch(requestId(), "NONE", List.of(instance)));
        String batchId = (String) created.get("batchId");
        String jobId = (String) jobs(created).get(0).get("jobId");

        Map<String, Object> job = awaitJobState(batchId, instance, "ROLLED_BACK");

        assertThat(job.get("failedStep")).isEqualTo("REBOOT");
        assertThat((String) job.get("error")).contains("did not come back").contains("PT15S");
        MigrationFailed failed = (MigrationFailed) env.recorder.ofJob(jobId).stream()
                .filter(r -> r.event() instanceof MigrationFailed).findFirst().orElseThrow().event();
        assertThat(failed.getRollbackRequired()).isTrue();
        assertThat(failed.getStep()).isEqualTo("REBOOT");
    }

    private static Path root(String instanceId) {
        return env.simulatorWorkDir.resolve(instanceId);
    }
}
