package io.osmigration.snapshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import io.osmigration.events.SnapshotsCreated;
import io.osmigration.simulator.ApiCall;
import io.osmigration.snapshot.SnapshotServiceTestBase;
import io.osmigration.snapshot.domain.JobSnapshots;
import io.osmigration.snapshot.domain.Stage;

/**
 * One worker reads the progress of every job it holds together: 20 instances of two disks each cost 20
 * CreateSnapshotGroup calls (no DescribeDisks, no CreateSnapshot) and a handful of reads for all of them, rather than
 * the DescribeDisks, two CreateSnapshot and a DescribeSnapshots or two each of the per-job loop.
 */
class BatchedProgressTest extends SnapshotServiceTestBase {

    private static final int JOBS = 20;

    @Autowired
    private JobSnapshotsStore store;
    @Autowired
    private SnapshotWorker worker;

    @Test
    void twentyJobsHandledByOneWorkerShareAFewProgressReads() {
        Map<String, String> jobs = new LinkedHashMap<>();
        IntStream.rangeClosed(1, JOBS).forEach(i -> jobs.put(newJobId(), String.format("i-snapbatch%02d", i)));
        worker.stop();
        try {
            // The jobs arrive while the worker is busy elsewhere; its rounds (run here, one after the other) find
            // them all due at once, as a replica does that a batch's PrecheckPassed events reach within a tick.
            jobs.forEach((jobId, instanceId) -> publish(precheckPassed(jobId, instanceId)));
            await().until(() -> jobs.keySet().stream().allMatch(jobId -> store.find(jobId).isPresent()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                worker.runOnce();
                return jobs.keySet().stream().allMatch(jobId -> !ENV.snapshotEvents(jobId, SnapshotsCreated.class)
                        .isEmpty());
            });
        } finally {
            worker.start();
        }

        List<JobSnapshots> done = jobs.keySet().stream().map(jobId -> store.find(jobId).orElseThrow()).toList();
        assertThat(done).allMatch(job -> job.stage() == Stage.AVAILABLE && job.disks().size() == 2);
        Set<String> instances = Set.copyOf(jobs.values());
        Set<String> groups = done.stream().map(JobSnapshots::snapshotGroupId).collect(Collectors.toSet());
        Set<String> snapshots = done.stream().flatMap(job -> job.disks().stream()).map(d -> d.snapshotId())
                .collect(Collectors.toSet());
        assertThat(groups).hasSize(JOBS);

        List<ApiCall> creates = ENV.ecs().calls("CreateSnapshotGroup", null).stream()
                .filter(call -> instances.contains(call.params().get("InstanceId"))).toList();
        long groupReads = ENV.ecs().calls("DescribeSnapshotGroups", null).stream()
                .filter(call -> call.params().values().stream().anyMatch(groups::contains)).count();
        long snapshotReads = ENV.ecs().calls("DescribeSnapshots", null).stream()
                .filter(call -> snapshots.stream().anyMatch(id -> call.params().getOrDefault("SnapshotIds", "")
                        .contains(id))).count();
        long perDisk = instances.stream().mapToLong(instance -> ENV.ecs().calls("DescribeDisks", instance).size()
                + ENV.ecs().calls("CreateSnapshot", instance).size()).sum();

        // 20 groups fit in two DescribeSnapshotGroups calls and their 40 snapshots in one DescribeSnapshots call, read
        // again while they are still being made.
        assertThat(creates).hasSize(JOBS).allMatch(call -> call.errorCode() == null);
        assertThat(perDisk).isZero();
        assertThat(groupReads).isLessThanOrEqualTo(4);
        assertThat(snapshotReads).isLessThanOrEqualTo(6);
        double callsPerJob = (creates.size() + groupReads + snapshotReads) / (double) JOBS;
        assertThat(callsPerJob).isLessThanOrEqualTo(1.5);

        // How long after the simulator had the snapshots accomplished (CreateSnapshotGroup + snapshot-duration 0.3 s)
        // each job knew it.
        Map<String, Instant> createdAt = creates.stream().collect(Collectors.toMap(
                call -> call.params().get("InstanceId"), ApiCall::time, (a, b) -> a));
        List<Long> lagMs = done.stream().map(job -> Duration.between(createdAt.get(job.instanceId())
                .plusMillis(300), job.updatedAt()).toMillis()).sorted().toList();
        LoggerFactory.getLogger(BatchedProgressTest.class).info("{} jobs: {} CreateSnapshotGroup, {} "
                + "DescribeSnapshotGroups, {} DescribeSnapshots = {} calls per job; done {} ms (median) / {} ms (max) "
                + "after the snapshots were accomplished", JOBS, creates.size(), groupReads, snapshotReads,
                String.format("%.2f", callsPerJob), lagMs.get(lagMs.size() / 2), lagMs.get(lagMs.size() - 1));
    }
}
