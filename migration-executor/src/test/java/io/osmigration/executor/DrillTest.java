package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.osmigration.events.DrillCompleted;
import io.osmigration.events.MigrationFailed;

/** The drill rehearses the upgrade without changing the instance, then waits for approval or stops on CRITICAL. */
class DrillTest extends ExecutorIntegrationTest {

    @BeforeEach
    void catalog() {
        awaitCatalog();
    }

    @Test
    void drillOnlyWaitsForApprovalThenStartMigrates() {
        String instance = TestFleet.clean(6);
        Map<String, Object> created = submit(batch(requestId(), "DRILL_ONLY", List.of(instance)));
        String batchId = (String) created.get("batchId");
        String jobId = (String) jobs(created).get(0).get("jobId");

        Map<String, Object> job = awaitJobState(batchId, instance, "AWAITING_APPROVAL");
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(env.recorder.typesOfJob(jobId, "osm.migrations")).containsExactly("DrillCompleted"));
        DrillCompleted drill = (DrillCompleted) env.recorder.ofJob(jobId).stream()
                .filter(r -> r.event() instanceof DrillCompleted).findFirst().orElseThrow().event();
        assertThat(drill.getCritical()).isFalse();
        assertThat(drill.getItems()).isNotEmpty().allSatisfy(item -> assertThat(item.getSeverity()).isIn("INFO", "WARNING"));
        assertThat(job.get("findings")).asList().isNotEmpty();
        // The drill changed nothing: the instance still runs its old system.
        assertThat(env.simulator.engine().instance(instance).orElseThrow().osId()).isEqualTo("centos");

        client().post().uri("/api/v1/migrations/" + batchId + "/jobs/" + jobId + ":start").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.batchId").isEqualTo(batchId);
        awaitJobState(batchId, instance, "COMPLETED");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(env.recorder.typesOfJob(jobId, "osm.migrations"))
                .containsExactly("DrillCompleted", "MigrationStepDone", "MigrationStepDone", "MigrationStepDone",
                        "MigrationStepDone", "MigrationStepDone", "MigrationCompleted"));
        // Starting it again is a conflict, not a second migration.
        client().post().uri("/api/v1/migrations/" + batchId + "/jobs/" + jobId + ":start").exchange()
                .expectStatus().isEqualTo(409);
    }

    @Test
    void drillAndMigrateStopsOnACriticalItemWithoutRollback() {
        String instance = TestFleet.DRILL_CRITICAL;
        Map<String, Object> created = submit(batch(requestId(), "DRILL_AND_MIGRATE", List.of(instance)));
        String batchId = (String) created.get("batchId");
        String jobId = (String) jobs(created).get(0).get("jobId");

        Map<String, Object> job = awaitJobState(batchId, instance, "FAILED");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(env.recorder.typesOfJob(jobId, "osm.migrations"))
                .containsExactly("DrillCompleted", "MigrationFailed"));
        DrillCompleted drill = (DrillCompleted) env.recorder.ofJob(jobId).stream()
                .filter(r -> r.event() instanceof DrillCompleted).findFirst().orElseThrow().event();
        assertThat(drill.getCritical()).isTrue();
        // Leapp's inhibitor for devices RHEL 8 no longer supports (the fleet's injected fault); it names no remedy
        assertThat(drill.getItems()).anySatisfy(item -> {
            assertThat(item.getSeverity()).isEqualTo("CRITICAL");
            assertThat(item.getTitle()).contains("no longer supported");
        });
        MigrationFailed failed = (MigrationFailed) env.recorder.ofJob(jobId).stream()
                .filter(r -> r.event() instanceof MigrationFailed).findFirst().orElseThrow().event();
        assertThat(failed.getRollbackRequired()).isFalse();
        assertThat(failed.getStep()).isEqualTo("DRILL");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) job.get("findings");
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.get("severity")).isEqualTo("CRITICAL");
            assertThat(f.get("source")).isEqualTo("DRILL");
        });
        assertThat(job.get("steps")).asList().isEmpty();
    }
}
