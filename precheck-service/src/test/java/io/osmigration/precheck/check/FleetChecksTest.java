package io.osmigration.precheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.osmigration.events.PrecheckPassed;
import io.osmigration.precheck.BigHosts;
import io.osmigration.precheck.IntegrationTestBase;
import io.osmigration.simulator.ApiCall;

/**
 * A fleet's checks through the whole module (Kafka, MongoDB, the real SDK, the simulator): one batch of 40 jobs on
 * 40 copies of the clean CentOS 7 server the fleet bench copies, released while the worker is stopped (as when a big
 * batch arrives faster than checks end), then worked. Reads the simulator's call log for the ECS calls per check by
 * action, and the checks' documents for the time from being taken up to the result and the checks per second. Writes
 * the figures to target/precheck-fleet.txt. The guards hold what does not depend on the machine's speed: the calls
 * other than result reads per check, and result reads made per invocation, never per check (how many reads an
 * invocation takes depends on how long the collector runs).
 */
class FleetChecksTest extends IntegrationTestBase {

    /** Calls per check besides result reads: the RunCommand, the agent status and the snapshots, all shared. */
    private static final double OTHER_CALLS_PER_CHECK_GUARD = 0.5;

    @Autowired
    private CheckWorker worker;
    @Autowired
    private PrecheckService precheckService;
    @Autowired
    private MongoTemplate mongo;

    @AfterEach
    void startWorker() {
        if (!worker.isRunning()) {
            worker.start();
        }
    }

    @Test
    void aFleetOfChecksSharesItsReadsAndRunsTheCollectorOncePerCheck() throws IOException {
        // Checks other test classes left running would add their calls to the log.
        await().atMost(Duration.ofSeconds(120)).until(() -> mongo.count(new Query(Criteria.where("status")
                .is(PrecheckDocument.RUNNING)), PrecheckDocument.class) == 0);
        List<String> fleet = BigHosts.FLEET;
        Set<String> fleetIds = Set.copyOf(fleet);
        String batchId = randomId("b-");
        Map<String, String> jobByInstance = new TreeMap<>();
        worker.stop();
        for (String instanceId : fleet) {
            String sourceId = randomId("s-");
            String jobId = randomId("j-");
            jobByInstance.put(instanceId, jobId);
            send(sourceId, jobReleased(batchId, jobId, sourceId, instanceId, "anolis8"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> precheckService.findByBatch(batchId).size() == fleet.size());
        Instant since = Instant.now();
        worker.start();
        await().atMost(Duration.ofSeconds(180)).until(() -> jobByInstance.values().stream()
                .allMatch(job -> !precheckEventsOfJob(job).isEmpty()));
        Instant until = Instant.now();

        jobByInstance.values().forEach(job -> assertThat(precheckEventsOfJob(job)).singleElement()
                .isInstanceOfSatisfying(PrecheckPassed.class, passed -> assertThat(passed.getFactsStale()).isFalse()));
        List<PrecheckDocument> checks = precheckService.findByBatch(batchId);
        assertThat(checks).hasSize(fleet.size()).allSatisfy(check -> assertThat(check.attempts()).isEqualTo(1));

        // Calls naming a fleet instance, or none (an invocation read by its id, a listing over the region).
        List<ApiCall> calls = simulator().engine().calls().stream()
                .filter(call -> !call.time().isBefore(since) && !call.time().isAfter(until))
                .filter(call -> call.instanceIds().isEmpty() || call.instanceIds().stream().anyMatch(fleetIds::contains))
                .toList();
        Map<String, Long> byAction = calls.stream()
                .collect(Collectors.groupingBy(ApiCall::action, TreeMap::new, Collectors.counting()));
        double perCheck = calls.size() / (double) fleet.size();
        List<ApiCall> resultReads = calls.stream().filter(call -> call.action().equals("DescribeInvocationResults"))
                .toList();
        double otherPerCheck = (calls.size() - resultReads.size()) / (double) fleet.size();

        List<Long> latency = new ArrayList<>(checks.stream()
                .map(check -> Duration.between(check.startedAt(), check.finishedAt()).toMillis()).toList());
        Collections.sort(latency);
        Instant first = checks.stream().map(PrecheckDocument::startedAt).min(Instant::compareTo).orElseThrow();
        Instant last = checks.stream().map(PrecheckDocument::finishedAt).max(Instant::compareTo).orElseThrow();
        double seconds = Duration.between(first, last).toMillis() / 1000.0;
        String report = String.format(java.util.Locale.ROOT, "precheck fleet: %d checks, %d ECS calls (%.2f per check: %s), "
                        + "%.1f s from the first taken up to the last result (%.2f checks/s), taken up to result: median "
                        + "%d ms, max %d ms%s", fleet.size(), calls.size(), perCheck, perCheck(byAction, fleet.size()),
                seconds, fleet.size() / seconds, latency.get(latency.size() / 2), latency.get(latency.size() - 1),
                phases(checks));
        System.out.println(report);
        Files.writeString(Path.of("target", "precheck-fleet.txt"), report + System.lineSeparator());

        // The collector ran once on every instance, sent with the RunCommand stored with its check; the checks
        // shared their RunCommands (and so the reads of their results).
        for (PrecheckDocument check : checks) {
            List<ApiCall> runs = simulator().engine().calls("RunCommand", check.instanceId()).stream()
                    .filter(call -> !call.time().isBefore(since)).toList();
            assertThat(runs).as("collector runs on %s", check.instanceId()).singleElement()
                    .satisfies(run -> assertThat(run.params().get("ClientToken"))
                            .isEqualTo(check.collector().clientToken()));
            assertThat(check.collector().invocation().instanceIds()).contains(check.instanceId());
        }
        assertThat(byAction.get("RunCommand")).isLessThan(fleet.size() / 2);
        // More checks in flight at once than the four threads of old, never more than max-concurrent-checks (32).
        assertThat(peakInFlight(checks)).isBetween(5, 32);
        assertThat(otherPerCheck).as(report).isLessThanOrEqualTo(OTHER_CALLS_PER_CHECK_GUARD);
        // Results are read per invocation (its id, every instance at once) or by listing a page of the account's
        // newest records (CloudAssistantClient.results), never per instance; and only the collectors' invocations
        // are read by id.
        Set<String> collectors = checks.stream().map(check -> check.collector().invocation().invokeId())
                .collect(Collectors.toSet());
        assertThat(resultReads).allSatisfy(read -> {
            assertThat(read.params()).doesNotContainKey("InstanceId");
            assertThat(read.params().get("InvokeId") != null
                    || read.params().containsKey("PageNumber")).as(read.params().toString()).isTrue();
        });
        assertThat(resultReads.stream().map(read -> read.params().get("InvokeId")).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet())).isSubsetOf(collectors);
    }

    /** Medians of taken up → collector started → result, where the checks stored their collector. */
    private static String phases(List<PrecheckDocument> checks) {
        List<Long> toStart = new ArrayList<>();
        List<Long> collecting = new ArrayList<>();
        for (PrecheckDocument check : checks) {
            if (check.collector() == null || check.collector().invocation() == null) {
                return "";
            }
            Instant started = check.collector().invocation().startedAt();
            toStart.add(Duration.between(check.startedAt(), started).toMillis());
            collecting.add(Duration.between(started, check.finishedAt()).toMillis());
        }
        Collections.sort(toStart);
        Collections.sort(collecting);
        return String.format(java.util.Locale.ROOT, " (medians: taken up to collector started %d ms, then to result "
                + "%d ms)", toStart.get(toStart.size() / 2), collecting.get(collecting.size() / 2));
    }

    /** The most checks whose [startedAt, finishedAt] overlap at one moment. */
    private static int peakInFlight(List<PrecheckDocument> checks) {
        List<long[]> edges = new ArrayList<>();
        for (PrecheckDocument check : checks) {
            edges.add(new long[] {check.startedAt().toEpochMilli(), 1});
            edges.add(new long[] {check.finishedAt().toEpochMilli(), -1});
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int inFlight = 0;
        int peak = 0;
        for (long[] edge : edges) {
            inFlight += (int) edge[1];
            peak = Math.max(peak, inFlight);
        }
        return peak;
    }

    private static String perCheck(Map<String, Long> byAction, int checks) {
        return byAction.entrySet().stream().map(e -> String.format(java.util.Locale.ROOT, "%s %.2f", e.getKey(),
                e.getValue() / (double) checks)).collect(Collectors.joining(", "));
    }
}
