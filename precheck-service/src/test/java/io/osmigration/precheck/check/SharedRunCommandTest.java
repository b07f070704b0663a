package io.osmigration.precheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.aliyuncs.ecs.model.v20140526.StopInstanceRequest;

import io.osmigration.events.Finding;
import io.osmigration.events.PrecheckFailed;
import io.osmigration.events.PrecheckPassed;
import io.osmigration.platform.cloud.EcsGateway;
import io.osmigration.precheck.BigHosts;
import io.osmigration.precheck.IntegrationTestBase;
import io.osmigration.simulator.ApiCall;

/**
 * Checks taken up together share one RunCommand; when ECS refuses it as a whole because of one instance (stopped
 * a moment ago, its agent still reported online), each check is tried on its own and only that instance goes
 * without fresh facts.
 */
class SharedRunCommandTest extends IntegrationTestBase {

    @Autowired
    private CheckWorker worker;
    @Autowired
    private PrecheckService precheckService;
    @Autowired
    private EcsGateway ecs;

    @AfterEach
    void startWorker() {
        if (!worker.isRunning()) {
            worker.start();
        }
    }

    @Test
    void anInstanceThatCannotRunTheCollectorCostsTheOthersNothing() {
        StopInstanceRequest stop = new StopInstanceRequest();
        stop.setInstanceId(BigHosts.TO_STOP);
        stop.setSysRegionId("cn-hangzhou");
        ecs.call(stop);
        List<String> running = List.of(BigHosts.FLEET.get(0), BigHosts.FLEET.get(1));
        Map<String, String> jobs = new LinkedHashMap<>();
        worker.stop(); // queued while no worker looks: one round takes all three up together
        Instant since = Instant.now();
        for (String instanceId : List.of(running.get(0), BigHosts.TO_STOP, running.get(1))) {
            String jobId = randomId("j-");
            jobs.put(instanceId, jobId);
            precheckService.startForJob(new JobCheckRequest("request-" + jobId, randomId("b-"), jobId,
                    randomId("s-"), instanceId, "cn-hangzhou", "anolis8", List.of()));
        }
        worker.start();

        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.values().stream()
                .allMatch(job -> !precheckEventsOfJob(job).isEmpty()));

        assertThat(precheckEventsOfJob(jobs.get(BigHosts.TO_STOP))).singleElement()
                .isInstanceOfSatisfying(PrecheckFailed.class, failed -> assertThat(failed.getFindings())
                        .extracting(Finding::getCode).contains("CLOUD_ASSISTANT_OFFLINE"));
        running.forEach(instanceId -> assertThat(precheckEventsOfJob(jobs.get(instanceId))).singleElement()
                .isInstanceOfSatisfying(PrecheckPassed.class, passed -> assertThat(passed.getFactsStale()).isFalse()));
        // One RunCommand for the three, refused for the stopped instance, then one for each check on its own.
        List<ApiCall> runs = simulator().engine().calls("RunCommand", null).stream()
                .filter(call -> !call.time().isBefore(since)).toList();
        assertThat(runs).hasSize(4);
        assertThat(runs.get(0).instanceIds()).containsExactlyInAnyOrder(running.get(0), BigHosts.TO_STOP,
                running.get(1));
        assertThat(runs.get(0).errorCode()).isEqualTo("IncorrectInstanceStatus");
        assertThat(runs.subList(1, 4)).allSatisfy(run -> assertThat(run.instanceIds()).hasSize(1));
        assertThat(runs.subList(1, 4)).filteredOn(run -> run.errorCode() == null)
                .extracting(run -> run.instanceIds().get(0)).containsExactlyInAnyOrderElementsOf(running);
    }
}
