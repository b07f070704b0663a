package io.osmigration.precheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import com.aliyuncs.ecs.model.v20140526.CreateSnapshotRequest;

import io.osmigration.events.Finding;
import io.osmigration.events.PrecheckFailed;
import io.osmigration.events.PrecheckPassed;
import io.osmigration.platform.cloud.EcsGateway;
import io.osmigration.precheck.IntegrationTestBase;
import io.osmigration.simulator.InstanceView;

/**
 * End to end over the whole demo fleet: one batch, a job per instance, real RunCommand calls, and the findings the
 * fleet was built to produce; then the batch view ranks the blockers.
 */
class DemoFleetBatchTest extends IntegrationTestBase {

    @Autowired
    private EcsGateway ecs;
    @Autowired
    private PrecheckService precheckService;

    @Test
    void batchOverTheDemoFleetGetsTheFindingsTheFleetWasBuiltFor() {
        // A snapshot being created on one instance (the simulator keeps it progressing for minutes).
        CreateSnapshotRequest snapshot = new CreateSnapshotRequest();
        snapshot.setDiskId("d-bp1demo000000000221");
        snapshot.setSysRegionId("cn-hangzhou");
        snapshot.setSnapshotName("someone-elses-backup");
        ecs.call(snapshot);

        // CentOS 8 instances sent to Alibaba Cloud Linux 2: one blocker shared by two instances
        Map<String, String> destinationOverrides = Map.of("i-bp1demo000000000003", "alinux2",
                "i-bp1demo000000000009", "alinux2");
        String batchId = randomId("b-");
        Map<String, String> jobByInstance = new LinkedHashMap<>();
        for (InstanceView instance : simulator().engine().instances()) {
            if (!instance.instanceId().startsWith("i-bp1demo")) {
                continue; // the big servers of BigServerPrecheckTest share the simulator
            }
            String sourceId = randomId("s-");
            String jobId = randomId("j-");
            jobByInstance.put(instance.instanceId(), jobId);
            send(sourceId, jobReleased(batchId, jobId, sourceId, instance.instanceId(),
                    destinationOverrides.getOrDefault(instance.instanceId(), "alinux3")));
        }
        assertThat(jobByInstance).hasSizeGreaterThanOrEqualTo(22);

        await().atMost(Duration.ofSeconds(90)).until(() -> jobByInstance.values().stream()
                .allMatch(job -> !precheckEventsOfJob(job).isEmpty()));

        Map<String, Set<String>> critical = new LinkedHashMap<>();
        Map<String, Set<String>> warnings = new LinkedHashMap<>();
        Map<String, Boolean> passed = new LinkedHashMap<>();
        Map<String, Boolean> experimental = new LinkedHashMap<>();
        jobByInstance.forEach((instance, job) -> {
            SpecificRecord event = precheckEventsOfJob(job).get(0);
            List<Finding> findings = event instanceof PrecheckFailed f ? f.getFindings()
                    : ((PrecheckPassed) event).getFindings();
            passed.put(instance, event instanceof PrecheckPassed);
            experimental.put(instance, findings.stream().anyMatch(f -> f.getCode().equals("MIGRATION_PATH_EXPERIMENTAL")
                    && f.getSeverity().equals("WARNING")));
            critical.put(instance, codes(findings, "CRITICAL"));
            warnings.put(instance, codes(findings, "WARNING"));
        });

        assertThat(critical.get("i-bp1demo000000000011")).containsExactly("I386_PACKAGES");
        assertThat(warnings.get("i-bp1demo000000000012")).containsExactly("EPEL_MODULAR");
        assertThat(passed.get("i-bp1demo000000000012")).isTrue();
        assertThat(warnings.get("i-bp1demo000000000013")).containsExactly("CXX_TOOLCHAIN");
        // the 1,500-package build host also carries libstdc++.i686 (a multilib twin): no destination has i686
        assertThat(critical.get("i-bp1demo000000000013")).containsExactly("I386_PACKAGES");
        assertThat(critical.get("i-bp1demo000000000014")).containsExactly("KERNEL_MODULE_UNSUPPORTED");
        // and gcc-c++ of the real centos7-server listing
        assertThat(warnings.get("i-bp1demo000000000014")).containsExactly("CXX_TOOLCHAIN", "KERNEL_MODULE_UNSUPPORTED");
        assertThat(critical.get("i-bp1demo000000000015")).containsExactly("MYSQL_DOWNGRADE");
        assertThat(critical.get("i-bp1demo000000000016")).containsExactly("CLOUD_ASSISTANT_OFFLINE");
        assertThat(critical.get("i-bp1demo000000000017")).containsExactly("DISK_SPACE");
        assertThat(critical.get("i-bp1demo000000000018")).containsExactly("MEMORY");
        assertThat(critical.get("i-bp1demo000000000019")).containsExactly("SOURCE_OS_UNSUPPORTED");
        assertThat(critical.get("i-bp1demo000000000022")).containsExactly("SNAPSHOT_IN_PROGRESS");
        assertThat(critical.get("i-bp1demo000000000003")).containsExactly("DESTINATION_UNSUPPORTED");
        assertThat(critical.get("i-bp1demo000000000009")).containsExactly("DESTINATION_UNSUPPORTED");
        for (String clean : List.of("01", "02", "04", "05", "06", "07", "08", "10", "20", "21")) {
            assertThat(passed.get("i-bp1demo0000000000" + clean)).as("instance %s passes", clean).isTrue();
            // Alibaba Cloud Linux 3 is an experimental path (migration catalogue), enabled for these tests: it warns.
            assertThat(experimental.get("i-bp1demo0000000000" + clean)).as("instance %s", clean).isTrue();
        }

        // The batch view: blockers grouped by code, the one whose fix unblocks most instances first.
        Map<?, ?> view = api().get().uri("/api/v1/prechecks?batchId=" + batchId).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(view.get("total")).isEqualTo(jobByInstance.size());
        List<?> blockers = (List<?>) view.get("blockers");
        Map<?, ?> first = (Map<?, ?>) blockers.get(0);
        assertThat(first.get("code")).isEqualTo("DESTINATION_UNSUPPORTED");
        assertThat(first.get("unblocks")).isEqualTo(2);
        assertThat(((List<?>) first.get("instances"))).hasSize(2);
        List<Integer> unblocks = blockers.stream().map(b -> (Integer) ((Map<?, ?>) b).get("unblocks")).toList();
        assertThat(unblocks).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        assertThat(blockers.stream().map(b -> String.valueOf(((Map<?, ?>) b).get("code"))).collect(Collectors.toSet()))
                .contains("I386_PACKAGES", "KERNEL_MODULE_UNSUPPORTED", "MYSQL_DOWNGRADE", "CLOUD_ASSISTANT_OFFLINE",
                        "DISK_SPACE", "MEMORY", "SOURCE_OS_UNSUPPORTED", "SNAPSHOT_IN_PROGRESS");

        // Bounded concurrency: this replica never had more than osm.precheck.max-concurrent-checks (32) in flight.
        assertThat(peakConcurrency(precheckService.findByBatch(batchId))).isBetween(1, 32);

        String text = api().get().uri("/api/v1/prechecks?batchId=" + batchId).accept(MediaType.TEXT_PLAIN).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(text).contains("Blockers, most valuable fix first", "1. DESTINATION_UNSUPPORTED",
                "fixing it unblocks 2");
        System.out.println(text);
    }

    /** The most checks whose [startedAt, finishedAt] overlap at one moment. */
    private static int peakConcurrency(List<PrecheckDocument> checks) {
        List<long[]> edges = new java.util.ArrayList<>();
        for (PrecheckDocument check : checks) {
            assertThat(check.attempts()).isEqualTo(1);
            edges.add(new long[] {check.startedAt().toEpochMilli(), 1});
            edges.add(new long[] {check.finishedAt().toEpochMilli(), -1});
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int running = 0;
        int peak = 0;
        for (long[] edge : edges) {
            running += (int) edge[1];
            peak = Math.max(peak, running);
        }
        return peak;
    }

    /** The codes of one severity, without the experimental-path warning (asserted on its own above). */
    private static Set<String> codes(List<Finding> findings, String severity) {
        return findings.stream().filter(f -> f.getSeverity().equals(severity))
                .filter(f -> !f.getCode().equals("MIGRATION_PATH_EXPERIMENTAL")).map(Finding::getCode)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
