package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.osmigration.events.JobReleased;
import io.osmigration.events.MigrationCompleted;
import io.osmigration.events.MigrationFailed;
import io.osmigration.events.MigrationRequested;
import io.osmigration.events.MigrationStepDone;
import io.osmigration.executor.domain.Ids;
import io.osmigration.simulator.InstanceView;

/** One job through the whole saga against the simulator: completed, and a failed step rolled back. */
class MigrationHappyPathTest extends ExecutorIntegrationTest {

    @BeforeEach
    void catalog() {
        awaitCatalog();
    }

    @Test
    void aCleanInstanceIsMigratedToTheDestination() {
        String requestId = requestId();
        Map<String, Object> body = new java.util.HashMap<>(batch(requestId, "NONE", List.of(TestFleet.clean(1))));
        body.put("autoRemediate", List.of("KERNEL_MODULE_UNSUPPORTED", "KERNEL_MODULE_UNSUPPORTED"));
        Map<String, Object> created = submit(body);
        String batchId = (String) created.get("batchId");
        assertThat(batchId).isEqualTo(Ids.batchId(requestId));
        assertThat(created.get("autoRemediate")).isEqualTo(List.of("KERNEL_MODULE_UNSUPPORTED"));
        String jobId = (String) jobs(created).get(0).get("jobId");
        assertThat(jobId).isEqualTo(Ids.jobId(batchId, TestFleet.sourceId(TestFleet.clean(1))));

        Map<String, Object> job = awaitJobState(batchId, TestFleet.clean(1), "COMPLETED");

        KafkaRecorder.Received released = env.recorder.ofJob(jobId).stream()
                .filter(r -> r.event() instanceof JobReleased).findFirst().orElseThrow();
        JobReleased release = (JobReleased) released.event();
        assertThat(released.key()).isEqualTo(TestFleet.sourceId(TestFleet.clean(1)));
        assertThat(release.getHeader().getBatchId()).isEqualTo(batchId);
        assertThat(release.getHeader().getJobId()).isEqualTo(jobId);
        assertThat(release.getRequestId()).isEqualTo(requestId);
        assertThat(release.getSourceId()).isEqualTo(TestFleet.sourceId(TestFleet.clean(1)));
        assertThat(release.getInstanceId()).isEqualTo(TestFleet.clean(1));
        assertThat(release.getRegionId()).isEqualTo("cn-hangzhou");
        assertThat(release.getDestinationOs()).isEqualTo("anolis8");
        assertThat(release.getAutoRemediate()).containsExactly("KERNEL_MODULE_UNSUPPORTED");
        assertThat(env.recorder.ofJob(jobId)).noneMatch(r -> r.event() instanceof MigrationRequested);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(env.recorder.typesOfJob(jobId, "osm.migrations"))
                .containsExactly("MigrationStepDone", "MigrationStepDone", "MigrationStepDone", "MigrationStepDone",
                        "MigrationStepDone", "MigrationCompleted"));
        List<MigrationStepDone> steps = env.recorder.ofJob(jobId).stream()
                .filter(r -> r.event() instanceof MigrationStepDone).map(r -> (MigrationStepDone) r.event()).toList();
        // Anolis' Leapp recipe: install leapp from Anolis' migration repository, answer its dialog (pam_pkcs11 on
        // every EL7 host), leapp upgrade, restart (exit 194) through the offline phase, verify.
        assertThat(steps).extracting(MigrationStepDone::getStep).containsExactly("INSTALL", "ANSWER", "UPGRADE",
                "REBOOT", "VERIFY");
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.getStatus()).isEqualTo("SUCCEEDED");
            assertThat(step.getOutputExcerpt().length()).isLessThanOrEqualTo(2048);
        });
        assertThat(steps).extracting(MigrationStepDone::getExitCode).containsExactly(0, 0, 0, 194, 0);
        MigrationCompleted completed = (MigrationCompleted) env.recorder.ofJob(jobId).stream()
                .filter(r -> r.event() instanceof MigrationCompleted).findFirst().orElseThrow().event();
        assertThat(completed.getResultingOs()).startsWith("Anolis OS 8");

        InstanceView instance = env.simulator.engine().instance(TestFleet.clean(1)).orElseThrow();
        assertThat(instance.osId()).isEqualTo("anolis");
        assertThat(instance.osVersionId()).startsWith("8");
        // Nothing restarted the instance but exit 194 (no plain reboot inside a command), and nothing RebootInstance
        assertThat(env.simulator.engine().calls("RebootInstance", TestFleet.clean(1))).isEmpty();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> apiSteps = (List<Map<String, Object>>) job.get("steps");
        assertThat(apiSteps).extracting(step -> step.get("name")).containsExactly("INSTALL", "ANSWER", "UPGRADE",
                "REBOOT", "VERIFY");
        assertThat(apiSteps).allSatisfy(step -> {
            assertThat(step.get("status")).isEqualTo("SUCCEEDED");
            assertThat(step.get("startedAt")).isNotNull();
            assertThat(step.get("finishedAt")).isNotNull();
        });
        assertThat(job.get("snapshots")).asList().hasSize(1);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(getBatch(batchId).get("state")).isEqualTo("COMPLETED"));
    }

    @Test
    void aFailedStepFailsTheJobNamingTheStepAndItIsRolledBack() {
        Map<String, Object> created = submit(batch(requestId(), "NONE", List.of(TestFleet.FAIL_UPGRADE_1)));
        String batchId = (String) created.get("batchId");
        String jobId = (String) jobs(created).get(0).get("jobId");

        Map<String, Object> job = awaitJobState(batchId, TestFleet.FAIL_UPGRADE_1, "ROLLED_BACK");

        MigrationFailed failed = (MigrationFailed) env.recorder.ofJob(jobId).stream()
                .filter(r -> r.event() instanceof MigrationFailed).findFirst().orElseThrow().event();
        assertThat(failed.getStep()).isEqualTo("UPGRADE");
        assertThat(failed.getRollbackRequired()).isTrue();
        assertThat(failed.getReason()).contains("UPGRADE").contains("injected failure");
        assertThat(env.recorder.typesOfJob(jobId, "osm.migrations"))
                .containsExactly("MigrationStepDone", "MigrationStepDone", "MigrationStepDone", "MigrationFailed");
        assertThat(job.get("failedStep")).isEqualTo("UPGRADE");
        assertThat((String) job.get("error")).contains("injected failure");
    }

    @Test
    void theSameRequestIdReturnsTheSameBatch() {
        String requestId = requestId();
        Map<String, Object> body = batch(requestId, "NONE", List.of(TestFleet.clean(2)));
        String batchId = (String) submit(body).get("batchId");

        client().post().uri("/api/v1/migrations").bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.batchId").isEqualTo(batchId)
                .jsonPath("$.jobs.length()").isEqualTo(1);
        awaitJobState(batchId, TestFleet.clean(2), "COMPLETED");
        long released = env.recorder.all().stream().filter(r -> r.event() instanceof JobReleased
                && batchId.equals(((JobReleased) r.event()).getHeader().getBatchId())).count();
        assertThat(released).isEqualTo(1);
    }

    @Test
    void aFailedPrecheckEndsTheJobWithItsFindings() {
        Map<String, Object> created = submit(batch(requestId(), "NONE", List.of(TestFleet.PRECHECK_FAILS)));
        String batchId = (String) created.get("batchId");
        Map<String, Object> job = awaitJobState(batchId, TestFleet.PRECHECK_FAILS, "PRECHECK_FAILED");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) job.get("findings");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.get("code")).isEqualTo("I386_PACKAGES");
            assertThat(f.get("severity")).isEqualTo("CRITICAL");
            assertThat(f.get("remediationHint")).isEqualTo("Remove the i686 packages");
        });
        assertThat(env.simulator.engine().calls("RunCommand", TestFleet.PRECHECK_FAILS)).isEmpty();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(getBatch(batchId).get("state")).isEqualTo("COMPLETED"));
    }

    @Test
    void failedSnapshotsFailTheJobBeforeAnythingRuns() {
        Map<String, Object> created = submit(batch(requestId(), "NONE", List.of(TestFleet.SNAPSHOTS_FAIL)));
        String batchId = (String) created.get("batchId");
        Map<String, Object> job = awaitJobState(batchId, TestFleet.SNAPSHOTS_FAIL, "FAILED");
        assertThat((String) job.get("error")).contains("Snapshots could not be created").contains("status failed");
        assertThat(env.simulator.engine().calls("RunCommand", TestFleet.SNAPSHOTS_FAIL)).isEmpty();
        assertThat(env.recorder.typesOfJob((String) job.get("jobId"), "osm.migrations")).isEmpty();
    }
}
