package io.osmigration.snapshot.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.osmigration.events.SnapshotsCreated;
import io.osmigration.simulator.ApiCall;
import io.osmigration.snapshot.SnapshotServiceTestBase;
import io.osmigration.snapshot.domain.JobSnapshots;

/**
 * Not a test (runs only with {@code -Dosm.bench=snapshots}, alone: its settings make a Spring context of their own):
 * N jobs arrive one every {@code osm.bench.interval} (default 333 ms, 3 jobs/s) at a running worker with the default
 * polling settings; prints the ECS calls per job and how long after the simulator had a job's snapshots accomplished
 * (CreateSnapshotGroup + this module's 0.3 s snapshot-duration) the job was AVAILABLE.
 *
 * <pre>./mvnw -B -q -pl snapshot-service -am verify -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=SnapshotStageBench -Dosm.bench=snapshots</pre>
 */
@EnabledIfSystemProperty(named = "osm.bench", matches = "snapshots")
@TestPropertySource(properties = {"osm.snapshots.polling.first=PT1S", "osm.snapshots.polling.tick=PT2S",
        "osm.snapshots.polling.max=PT1M",
        "osm.snapshots.orphan-sweep-interval=PT1H", "osm.snapshots.worker-interval=PT0.5S"})
class SnapshotStageBench extends SnapshotServiceTestBase {

    private static final Duration SNAPSHOT_DURATION = Duration.ofMillis(300);

    @Autowired
    private JobSnapshotsStore store;

    @Test
    void snapshotStage() throws Exception {
        int n = Integer.getInteger("osm.bench.size", 20);
        Duration interval = Duration.ofMillis(Long.getLong("osm.bench.interval", 333));
        Map<String, String> jobs = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
            String jobId = newJobId();
            String instanceId = String.format("i-snapbatch%02d", 1 + (i - 1) % 20);
            jobs.put(jobId, instanceId);
            publish(precheckPassed(jobId, instanceId));
            Thread.sleep(interval.toMillis()); // the arrival rate being measured, not a wait for a result
        }
        await().atMost(Duration.ofMinutes(5)).until(() -> jobs.keySet().stream()
                .allMatch(jobId -> !ENV.snapshotEvents(jobId, SnapshotsCreated.class).isEmpty()));

        List<JobSnapshots> done = jobs.keySet().stream().map(jobId -> store.find(jobId).orElseThrow()).toList();
        Set<String> groups = done.stream().map(JobSnapshots::snapshotGroupId).collect(Collectors.toSet());
        Set<String> snapshots = done.stream().flatMap(job -> job.disks().stream()).map(d -> d.snapshotId())
                .collect(Collectors.toSet());
        Set<String> names = jobs.keySet().stream().map(id -> "SMC_Backup_Snapshot_" + id).collect(Collectors.toSet());
        List<ApiCall> creates = ENV.ecs().calls("CreateSnapshotGroup", null).stream()
                .filter(call -> names.contains(call.params().get("Name"))).toList();
        long groupReads = ENV.ecs().calls("DescribeSnapshotGroups", null).stream()
                .filter(call -> call.params().values().stream().anyMatch(groups::contains)).count();
        long snapshotReads = ENV.ecs().calls("DescribeSnapshots", null).stream()
                .filter(call -> snapshots.stream().anyMatch(id -> call.params().getOrDefault("SnapshotIds", "")
                        .contains(id))).count();
        Map<String, Instant> createdAt = creates.stream().collect(Collectors.toMap(
                call -> call.params().get("Name"), ApiCall::time, (a, b) -> a));
        List<Long> lagMs = done.stream().map(job -> Duration.between(createdAt.get("SMC_Backup_Snapshot_"
                + job.jobId()).plus(SNAPSHOT_DURATION), job.updatedAt()).toMillis()).sorted().toList();
        System.out.printf("BENCH snapshots.jobs=%d%nBENCH snapshots.arrival_interval_ms=%d%n"
                        + "BENCH snapshots.calls_per_job=%.2f%nBENCH snapshots.calls_per_job.CreateSnapshotGroup=%.2f%n"
                        + "BENCH snapshots.calls_per_job.DescribeSnapshotGroups=%.2f%n"
                        + "BENCH snapshots.calls_per_job.DescribeSnapshots=%.2f%n"
                        + "BENCH snapshots.available_after_accomplished_ms.median=%d%n"
                        + "BENCH snapshots.available_after_accomplished_ms.max=%d%n",
                n, interval.toMillis(), (creates.size() + groupReads + snapshotReads) / (double) n,
                creates.size() / (double) n, groupReads / (double) n, snapshotReads / (double) n,
                lagMs.get(lagMs.size() / 2), lagMs.get(lagMs.size() - 1));
    }
}
