package io.osmigration.simulator;

import static io.osmigration.simulator.EngineHarness.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloud Assistant as aliyun/aliyun_assist_client behaves: the output it keeps (basetask.go), exit
 * codes 193/194 (host/processor_unix.go), a reboot inside a script, the heartbeat lag (heartbeat.go)
 * and the delivery of commands to an agent that is not there.
 */
class CloudAssistantAgentTest {

    static final String ID = "i-bp1demo000000000009";
    static final Duration BEAT = Duration.ofMillis(800);

    @TempDir
    static Path work;
    static EngineHarness h;

    @BeforeAll
    static void start() {
        h = new EngineHarness(SimulatorSettings.defaults().withWorkDir(work)
                .withDurations(Duration.ofMillis(300), Duration.ofMillis(400))
                .withAgent(Duration.ofMillis(300), BEAT, Duration.ofSeconds(3)));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void aThirtyKilobyteOutputComesBackAsItsLast24KiBWithTheDroppedCount() {
        String dots = ".".repeat(40);
        Map<String, Object> r = h.run("i-bp1demo000000000003", """
                i=0; while [ $i -lt 700 ]; do printf 'line %04d DOTS\\n' $i; i=$((i+1)); done
                echo THE-END
                """.replace("DOTS", dots));
        String out = output(r);
        long total = 700L * ("line 0000 " + dots + "\n").length() + "THE-END\n".length();
        assertThat(out.getBytes(StandardCharsets.UTF_8)).hasSize(SimulatorSettings.DEFAULT_OUTPUT_QUOTA);
        assertThat(out).endsWith("THE-END\n").doesNotContain("line 0000");
        assertThat(((Number) r.get("Dropped")).longValue()).isEqualTo(total - SimulatorSettings.DEFAULT_OUTPUT_QUOTA);
    }

    @Test
    void theQuotaCanBeAsLowAsTheAgentsFloorOf12000Bytes(@TempDir Path own) {
        try (EngineHarness low = new EngineHarness(SimulatorSettings.defaults().withWorkDir(own).withOutputQuota(12_000))) {
            Map<String, Object> r = low.run("i-bp1demo000000000003", "i=0; while [ $i -lt 400 ]; do echo \"row $i ..............................\"; i=$((i+1)); done");
            assertThat(output(r).getBytes(StandardCharsets.UTF_8)).hasSize(12_000);
            assertThat(output(r)).endsWith("row 399 ..............................\n");
        }
    }

    @Test
    void aLongCommandKeepsWhatItPrintedFirstAndAShorterTail() {
        // Running output goes out each interval until more than 6,000 bytes were sent; the tail fills what is left.
        Map<String, Object> r = h.run("i-bp1demo000000000003", """
                echo HEAD-OF-THE-OUTPUT
                sleep 1
                i=0; while [ $i -lt 700 ]; do echo "line $i .............................................."; i=$((i+1)); done
                echo THE-END
                """);
        String out = output(r);
        assertThat(out).startsWith("HEAD-OF-THE-OUTPUT\n").endsWith("THE-END\n");
        assertThat(out.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SimulatorSettings.DEFAULT_OUTPUT_QUOTA);
        assertThat(((Number) r.get("Dropped")).longValue()).isPositive();
    }

    @Test
    void runningOutputIsVisibleWhileTheCommandRuns() {
        String invokeId = h.invoke("i-bp1demo000000000003", "echo started; sleep 3; echo done", 60);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Map<String, Object> r = h.result(invokeId, "i-bp1demo000000000003");
            return "Running".equals(r.get("InvocationStatus")) && output(r).equals("started\n");
        });
        assertThat(h.awaitResult(invokeId, "i-bp1demo000000000003")).containsEntry("InvocationStatus", "Success");
    }

    @Test
    void exit194IsReportedFirstThenTheGuestRebootsWhileEcsStillSaysRunning() {
        String id = "i-bp1demo000000000010";
        Instant booted = h.view(id).bootedAt();
        Instant started = h.view(id).startTime();
        Map<String, Object> r = h.run(id, "echo about to reboot; exit 194");
        // The API reference: Failed = "complete but the exit code is not 0"; the agent reports 194 as it is.
        assertThat(r).containsEntry("ExitCode", 194).containsEntry("InvocationStatus", "Failed").containsEntry("InvokeRecordStatus", "Finished");
        assertThat(output(r)).isEqualTo("about to reboot\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> h.view(id).bootedAt().isAfter(booted) && h.view(id).cloudAssistantOnline());
        assertThat(h.view(id).status()).isEqualTo("Running");
        assertThat(h.view(id).startTime()).as("ECS StartTime belongs to the control plane").isEqualTo(started);
        assertThat(output(h.run(id, "echo back"))).isEqualTo("back\n");
    }

    @Test
    void exit193PowersTheInstanceOffAfterReporting() {
        String id = "i-bp1demo000000000006";
        Map<String, Object> r = h.run(id, "exit 193");
        assertThat(r).containsEntry("ExitCode", 193);
        await().atMost(Duration.ofSeconds(5)).until(() -> "Stopped".equals(h.view(id).status()));
        assertThat(h.view(id).osState()).isEqualTo("HALTED");
        h.ok("StartInstance", Map.of("InstanceId", id));
        await().atMost(Duration.ofSeconds(5)).until(() -> h.view(id).cloudAssistantOnline());
    }

    @Test
    void aPlainRebootInsideTheScriptLeavesTheInvocationUnreportedUntilItsTimeout() {
        String id = "i-bp1demo000000000007";
        Instant booted = h.view(id).bootedAt();
        String invokeId = h.invoke(id, "echo going down; reboot; sleep 5; echo never printed", 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> !"UP".equals(h.view(id).osState()) || h.view(id).bootedAt().isAfter(booted));
        assertThat(h.result(invokeId, id)).as("the agent died with the system: nobody reports the command")
                .containsEntry("InvocationStatus", "Running").doesNotContainKey("ExitCode");
        await().atMost(Duration.ofSeconds(5)).until(() -> h.view(id).cloudAssistantOnline());
        Map<String, Object> end = h.awaitResult(invokeId, id, Duration.ofSeconds(10));
        assertThat(end).containsEntry("InvocationStatus", "Timeout").containsEntry("ErrorCode", "ExecutionTimeout")
                .doesNotContainKey("ExitCode");
        assertThat(output(end)).doesNotContain("never printed");
    }

    @Test
    void cloudAssistantStatusLagsARebootByUpToOneHeartbeat() {
        String id = "i-bp1demo000000000002";
        assertThat(h.cloudAssistantStatus(id)).isEqualTo("true");
        h.sim.setCloudAssistant(id, false); // the agent process dies
        assertThat(h.view(id).cloudAssistantOnline()).isFalse();
        assertThat(h.cloudAssistantStatus(id)).as("Cloud Assistant has not missed a heartbeat yet").isEqualTo("true");
        // A command sent now waits for an agent that does not come back within the delivery timeout.
        String invokeId = h.invoke(id, "echo hi", 60);
        assertThat(h.result(invokeId, id)).containsEntry("InvocationStatus", "Pending");
        await().atMost(Duration.ofSeconds(5)).until(() -> "false".equals(h.cloudAssistantStatus(id)));
        Map<String, Object> aborted = h.awaitResult(invokeId, id, Duration.ofSeconds(10));
        assertThat(aborted).containsEntry("InvocationStatus", "Aborted").containsEntry("ErrorCode", "ClientNotResponse");
        assertThat(h.run(id, "echo hi")).as("offline as far as Cloud Assistant knows: not delivered at all")
                .containsEntry("ErrorCode", "ClientNotRunning");
        h.sim.setCloudAssistant(id, true);
        assertThat(h.cloudAssistantStatus(id)).as("the agent pings as it starts").isEqualTo("true");
    }

    @Test
    void aCommandSentDuringAGuestRebootRunsWhenTheAgentIsBack() {
        String id = "i-bp1demo000000000005";
        h.run(id, "exit 194");
        await().atMost(Duration.ofSeconds(5)).until(() -> !h.view(id).cloudAssistantOnline());
        assertThat(h.cloudAssistantStatus(id)).isEqualTo("true");
        String invokeId = h.invoke(id, "echo delivered after the boot", 60);
        Map<String, Object> r = h.awaitResult(invokeId, id, Duration.ofSeconds(10));
        assertThat(r).containsEntry("InvocationStatus", "Success");
        assertThat(output(r)).isEqualTo("delivered after the boot\n");
    }
}
