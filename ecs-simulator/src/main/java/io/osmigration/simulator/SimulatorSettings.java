package io.osmigration.simulator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Engine settings, free of Spring so that tests and other modules can build an {@link EcsSimulator}
 * directly. {@link SimulatorProperties} maps the {@code osm.simulator.*} properties onto this.
 *
 * @param fleetFile             fleet JSON; {@code null} loads the built-in demo fleet
 * @param workDir               parent of the per-instance fake roots
 * @param snapshotDuration      time a snapshot takes from 0% to 100%
 * @param rebootDuration        time a stop, start or reboot takes
 * @param latency               added to every API response (by the HTTP adapter)
 * @param rateLimitPerSecond    token-bucket rate per action; beyond it calls get Throttling
 * @param throttleRatio         fraction of calls randomly answered with Throttling
 * @param commandTimeoutCap     upper bound for a RunCommand Timeout, so tests can provoke timeouts quickly
 * @param commandThreads        scripts that may run at the same time
 * @param maxCommandContentBytes largest Base64 CommandContent accepted (ECS allows 18 KB)
 * @param callLogCapacity       API calls kept for inspection
 * @param hooksLoopbackOnly     refuse {@code /_sim/**} from non-loopback clients
 */
public record SimulatorSettings(Path fleetFile, Path workDir, Duration snapshotDuration, Duration rebootDuration,
                                Duration latency, int rateLimitPerSecond, double throttleRatio,
                                Duration commandTimeoutCap, int commandThreads, int maxCommandContentBytes,
                                int callLogCapacity, boolean hooksLoopbackOnly) {

    public static final int ECS_MAX_COMMAND_CONTENT_BYTES = 18 * 1024;

    public SimulatorSettings {
        workDir = workDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "osm-ecs-simulator") : workDir;
        snapshotDuration = snapshotDuration == null ? Duration.ofSeconds(2) : snapshotDuration;
        rebootDuration = rebootDuration == null ? Duration.ofSeconds(1) : rebootDuration;
        latency = latency == null ? Duration.ZERO : latency;
        commandTimeoutCap = commandTimeoutCap == null ? Duration.ofHours(24) : commandTimeoutCap;
        if (rateLimitPerSecond <= 0 || commandThreads <= 0 || callLogCapacity <= 0 || maxCommandContentBytes <= 0) {
            throw new IllegalArgumentException("rateLimitPerSecond, commandThreads, callLogCapacity and maxCommandContentBytes must be positive");
        }
        if (throttleRatio < 0 || throttleRatio > 1) {
            throw new IllegalArgumentException("throttleRatio must be within 0.0..1.0, was " + throttleRatio);
        }
        if (snapshotDuration.isNegative() || rebootDuration.isNegative() || latency.isNegative() || commandTimeoutCap.isNegative()
                || commandTimeoutCap.isZero()) {
            throw new IllegalArgumentException("durations must not be negative (commandTimeoutCap must be positive)");
        }
    }

    /** Defaults: demo fleet, PT2S snapshots, PT1S reboots, 200 calls/s per action, no random throttling. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(null, null, null, null, null, 200, 0.0, null, 8,
                ECS_MAX_COMMAND_CONTENT_BYTES, 100_000, true);
    }

    public SimulatorSettings withFleetFile(Path file) {
        return new SimulatorSettings(file, workDir, snapshotDuration, rebootDuration, latency, rateLimitPerSecond,
                throttleRatio, commandTimeoutCap, commandThreads, maxCommandContentBytes, callLogCapacity, hooksLoopbackOnly);
    }

    public SimulatorSettings withWorkDir(Path dir) {
        return new SimulatorSettings(fleetFile, dir, snapshotDuration, rebootDuration, latency, rateLimitPerSecond,
                throttleRatio, commandTimeoutCap, commandThreads, maxCommandContentBytes, callLogCapacity, hooksLoopbackOnly);
    }

    public SimulatorSettings withDurations(Duration snapshot, Duration reboot) {
        return new SimulatorSettings(fleetFile, workDir, snapshot, reboot, latency, rateLimitPerSecond,
                throttleRatio, commandTimeoutCap, commandThreads, maxCommandContentBytes, callLogCapacity, hooksLoopbackOnly);
    }

    public SimulatorSettings withRateLimit(int perSecond, double ratio) {
        return new SimulatorSettings(fleetFile, workDir, snapshotDuration, rebootDuration, latency, perSecond,
                ratio, commandTimeoutCap, commandThreads, maxCommandContentBytes, callLogCapacity, hooksLoopbackOnly);
    }

    public SimulatorSettings withCommandTimeoutCap(Duration cap) {
        return new SimulatorSettings(fleetFile, workDir, snapshotDuration, rebootDuration, latency, rateLimitPerSecond,
                throttleRatio, cap, commandThreads, maxCommandContentBytes, callLogCapacity, hooksLoopbackOnly);
    }
}
