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
                Duration.ofMillis(50), 10, 0.25, Duration.ofSeconds(30), null, null, null, false);
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
        assertThat(new SimulatorProperties(null, null, null, null, null, null, null, null, null, null, null, null)
                .toSettings().workDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "osm-ecs-simulator"));
    }
}
