package io.osmigration.snapshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.osmigration.events.SnapshotReleased;
import io.osmigration.events.SnapshotsCreated;
import io.osmigration.snapshot.SnapshotServiceTestBase;

class ThrottlingTest extends SnapshotServiceTestBase {

    @AfterEach
    void stopThrottling() {
        ENV.ecs().setThrottleRatio(0.0);
    }

    @Test
    void everyJobIsDoneWhileTheApiThrottlesThirtyPercentOfCalls() {
        ENV.ecs().setThrottleRatio(0.3);
        Map<String, String> jobs = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) {
            jobs.put(newJobId(), "i-snapthr" + i);
        }
        ENV.ecs().clearCalls();
        long started = System.nanoTime();

        jobs.forEach((jobId, instanceId) -> publish(precheckPassed(jobId, instanceId)));
        Awaitility.await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> jobs.keySet().forEach(jobId ->
                assertThat(ENV.snapshotEvents(jobId, SnapshotsCreated.class)).hasSize(1)));
        jobs.forEach((jobId, instanceId) -> publish(migrationCompleted(jobId, instanceId)));
        Awaitility.await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> jobs.keySet().forEach(jobId ->
                assertThat(ENV.snapshotEvents(jobId, SnapshotReleased.class)).hasSize(1)));

        long throttled = ENV.ecs().calls().stream()
                .filter(call -> call.errorCode() != null && call.errorCode().startsWith("Throttling")).count();
        LoggerFactory.getLogger(ThrottlingTest.class).info("4 jobs backed up and released in {} ms under 30% "
                + "throttling: {} ECS calls, {} answered Throttling", (System.nanoTime() - started) / 1_000_000,
                ENV.ecs().calls().size(), throttled);
        assertThat(ENV.ecs().calls()).anyMatch(call -> call.errorCode() != null
                && call.errorCode().startsWith("Throttling"));
        jobs.forEach((jobId, instanceId) -> assertThat(jobCloudSnapshots(instanceId, jobId)).isEmpty());
    }
}
