package io.osmigration.simulator;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code osm.simulator.*}: the simulator's configuration, validated at startup. Unset values get
 * the engine defaults (see {@link SimulatorSettings}), so the record also works when another app
 * binds it without our {@code ecs-simulator.yml}.
 */
@Validated
@ConfigurationProperties(prefix = "osm.simulator")
public record SimulatorProperties(
        Path fleetFile,
        Path workDir,
        Duration snapshotDuration,
        Duration rebootDuration,
        Duration latency,
        @Min(1) Integer rateLimitPerSecond,
        @Min(0) Integer accountRateLimitPerSecond,
        @DecimalMin("0.0") @DecimalMax("1.0") Double throttleRatio,
        Duration commandTimeoutCap,
        @Min(1) @Max(256) Integer commandThreads,
        @Min(1) Integer maxCommandContentBytes,
        @Min(1) Integer callLogCapacity,
        Boolean hooksLoopbackOnly,
        @Min(SimulatorSettings.MIN_OUTPUT_QUOTA) Integer outputQuota,
        Duration runningOutputInterval,
        Duration agentHeartbeat,
        Duration deliveryTimeout,
        @DecimalMin(value = "0.0", inclusive = false) Double timeScale) {

    public SimulatorSettings toSettings() {
        SimulatorSettings d = SimulatorSettings.defaults();
        return new SimulatorSettings(fleetFile, workDir,
                snapshotDuration == null ? d.snapshotDuration() : snapshotDuration,
                rebootDuration == null ? d.rebootDuration() : rebootDuration,
                latency == null ? d.latency() : latency,
                rateLimitPerSecond == null ? d.rateLimitPerSecond() : rateLimitPerSecond,
                accountRateLimitPerSecond == null ? d.accountRateLimitPerSecond() : accountRateLimitPerSecond,
                throttleRatio == null ? d.throttleRatio() : throttleRatio,
                commandTimeoutCap == null ? d.commandTimeoutCap() : commandTimeoutCap,
                commandThreads == null ? d.commandThreads() : commandThreads,
                maxCommandContentBytes == null ? d.maxCommandContentBytes() : maxCommandContentBytes,
                callLogCapacity == null ? d.callLogCapacity() : callLogCapacity,
                hooksLoopbackOnly == null ? d.hooksLoopbackOnly() : hooksLoopbackOnly,
                outputQuota == null ? d.outputQuota() : outputQuota,
                runningOutputInterval, agentHeartbeat, deliveryTimeout,
                timeScale == null ? d.timeScale() : timeScale);
    }
}
