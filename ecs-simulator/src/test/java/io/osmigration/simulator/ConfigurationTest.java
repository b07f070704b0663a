package io.osmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** osm.simulator.* is validated at startup and reaches the engine. */
class ConfigurationTest {

    @Test
    void invalidPropertiesStopTheStartup(@TempDir Path work) {
        assertThatThrownBy(() -> EcsSimulatorServer.start(0, null, work, "osm.simulator.throttle-ratio=1.5"))
                .hasStackTraceContaining("throttleRatio");
    }

    @Test
    void aBadFleetFileStopsTheStartupNamingTheField(@TempDir Path dir) throws Exception {
        Path fleet = dir.resolve("fleet.json");
        Files.writeString(fleet, "{\"instances\": [{\"instanceId\": \"i-1\", \"cloudAssitant\": false}]}");
        assertThatThrownBy(() -> EcsSimulatorServer.start(0, fleet, dir.resolve("work")))
                .hasStackTraceContaining("Unknown field 'cloudAssitant'");
    }

    @Test
    void propertiesBindOntoEngineSettings() {
        SimulatorProperties props = new SimulatorProperties(null, Path.of("/tmp/x"), Duration.ofSeconds(5), null,
                Duration.ofMillis(50), 10, 30, 0.25, Duration.ofSeconds(30), null, null, null, false, 12_000,
                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(3), 0.01);
        SimulatorSettings s = props.toSettings();
        assertThat(s.workDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(s.snapshotDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.rebootDuration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.latency()).isEqualTo(Duration.ofMillis(50));
        assertThat(s.rateLimitPerSecond()).isEqualTo(10);
        assertThat(s.throttleRatio()).isEqualTo(0.25);
        assertThat(s.commandTimeoutCap()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.maxCommandContentBytes()).isEqualTo(18 * 1024);
        assertThat(s.hooksLoopbackOnly()).isFalse();
        assertThat(s.accountRateLimitPerSecond()).isEqualTo(30);
        assertThat(s.outputQuota()).isEqualTo(12_000);
        assertThat(s.runningOutputInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.agentHeartbeat()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.deliveryTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.scaled(Duration.ofMinutes(40))).isEqualTo(Duration.ofSeconds(24));
        SimulatorSettings defaults = new SimulatorProperties(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null).toSettings();
        assertThat(defaults.workDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "osm-ecs-simulator"));
        assertThat(defaults.outputQuota()).as("the agent's default LogQuota").isEqualTo(24 * 1024);
        assertThat(defaults.agentHeartbeat()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.timeScale()).isEqualTo(1.0);
        assertThat(defaults.accountRateLimitPerSecond()).as("off").isZero();
    }
}
