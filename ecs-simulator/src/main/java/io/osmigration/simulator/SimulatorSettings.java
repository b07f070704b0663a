package io.osmigration.simulator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Engine settings, free of Spring so that tests and other modules can build an {@link EcsSimulator}
 * directly. {@link SimulatorProperties} maps the {@code osm.simulator.*} properties onto this.
 *
 * @param fleetFile              fleet JSON; {@code null} loads the built-in demo fleet
 * @param workDir                parent of the per-instance fake roots
 * @param snapshotDuration       time a snapshot takes from 0% to 100%
 * @param rebootDuration         time an instance needs to boot (StartInstance, RebootInstance, a reboot inside the
 *                               guest); the Cloud Assistant agent is offline meanwhile
 * @param latency                added to every API response (by the HTTP adapter)
 * @param rateLimitPerSecond     token-bucket rate per action; beyond it calls get {@code Throttling}
 * @param accountRateLimitPerSecond one token bucket shared by every action of the account; beyond it calls get
 *                               {@code Throttling.User}; 0 turns it off
 * @param throttleRatio          fraction of calls randomly answered with Throttling
 * @param commandTimeoutCap      upper bound for a RunCommand Timeout, so tests can provoke timeouts quickly
 * @param commandThreads         scripts that may run at the same time
 * @param maxCommandContentBytes largest Base64 CommandContent accepted (ECS allows 18 KB)
 * @param callLogCapacity        API calls kept for inspection
 * @param hooksLoopbackOnly      refuse {@code /_sim/**} from non-loopback clients
 * @param outputQuota            bytes of a command's output the agent reports ({@code LogQuota}, at least 12,000)
 * @param runningOutputInterval  how often the agent sends the output of a command that is still running
 * @param agentHeartbeat         the agent's heartbeat interval: Cloud Assistant notices an agent that went away
 *                               only after one missed heartbeat
 * @param deliveryTimeout        a command that cannot be delivered to an agent within this time is Aborted
 * @param timeScale              factor applied to the durations of the real tools (fleet file {@code leapp},
 *                               {@code conversionDuration}) and their offline phases; 1.0 is real time
 */
public record SimulatorSettings(Path fleetFile, Path workDir, Duration snapshotDuration, Duration rebootDuration,
                                Duration latency, int rateLimitPerSecond, int accountRateLimitPerSecond,
                                double throttleRatio, Duration commandTimeoutCap, int commandThreads,
                                int maxCommandContentBytes, int callLogCapacity, boolean hooksLoopbackOnly,
                                int outputQuota, Duration runningOutputInterval, Duration agentHeartbeat,
                                Duration deliveryTimeout, double timeScale) {

    public static final int ECS_MAX_COMMAND_CONTENT_BYTES = 18 * 1024;
    /** The agent's default LogQuota is 24 KB. */
    public static final int DEFAULT_OUTPUT_QUOTA = 24 * 1024;
    /** aliyun_assist_client agent/taskengine/basetask.go: {@code defaultQuoto = 12000}, the floor of any quota. */
    public static final int MIN_OUTPUT_QUOTA = 12_000;

    public SimulatorSettings {
        workDir = workDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "osm-ecs-simulator") : workDir;
        snapshotDuration = snapshotDuration == null ? Duration.ofSeconds(2) : snapshotDuration;
        rebootDuration = rebootDuration == null ? Duration.ofSeconds(1) : rebootDuration;
        latency = latency == null ? Duration.ZERO : latency;
        commandTimeoutCap = commandTimeoutCap == null ? Duration.ofHours(24) : commandTimeoutCap;
        runningOutputInterval = runningOutputInterval == null ? Duration.ofSeconds(1) : runningOutputInterval;
        agentHeartbeat = agentHeartbeat == null ? Duration.ofSeconds(60) : agentHeartbeat;
        deliveryTimeout = deliveryTimeout == null ? Duration.ofSeconds(60) : deliveryTimeout;
        if (rateLimitPerSecond <= 0 || commandThreads <= 0 || callLogCapacity <= 0 || maxCommandContentBytes <= 0) {
            throw new IllegalArgumentException("rateLimitPerSecond, commandThreads, callLogCapacity and maxCommandContentBytes must be positive");
        }
        if (accountRateLimitPerSecond < 0) {
            throw new IllegalArgumentException("accountRateLimitPerSecond must be 0 (off) or positive, was " + accountRateLimitPerSecond);
        }
        if (throttleRatio < 0 || throttleRatio > 1) {
            throw new IllegalArgumentException("throttleRatio must be within 0.0..1.0, was " + throttleRatio);
        }
        if (outputQuota < MIN_OUTPUT_QUOTA) {
            throw new IllegalArgumentException("outputQuota must be at least " + MIN_OUTPUT_QUOTA + " bytes (the agent's floor), was " + outputQuota);
        }
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be a positive number, was " + timeScale);
        }
        if (snapshotDuration.isNegative() || rebootDuration.isNegative() || latency.isNegative() || commandTimeoutCap.isNegative()
                || commandTimeoutCap.isZero() || deliveryTimeout.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative (commandTimeoutCap must be positive)");
        }
        if (runningOutputInterval.isNegative() || runningOutputInterval.isZero() || agentHeartbeat.isNegative() || agentHeartbeat.isZero()) {
            throw new IllegalArgumentException("runningOutputInterval and agentHeartbeat must be positive");
        }
    }

    /** Defaults: demo fleet, PT2S snapshots, PT1S boots, 200 calls/s per action, real-time tools, 24 KB output. */
    public static SimulatorSettings defaults() {
        return new SimulatorSettings(null, null, null, null, null, 200, 0, 0.0, null, 8,
                ECS_MAX_COMMAND_CONTENT_BYTES, 100_000, true, DEFAULT_OUTPUT_QUOTA, null, null, null, 1.0);
    }

    public SimulatorSettings withFleetFile(Path file) {
        Copy c = new Copy(this);
        c.fleetFile = file;
        return c.build();
    }

    public SimulatorSettings withWorkDir(Path dir) {
        Copy c = new Copy(this);
        c.workDir = dir;
        return c.build();
    }

    public SimulatorSettings withDurations(Duration snapshot, Duration reboot) {
        Copy c = new Copy(this);
        c.snapshotDuration = snapshot;
        c.rebootDuration = reboot;
        return c.build();
    }

    public SimulatorSettings withRateLimit(int perSecond, double ratio) {
        Copy c = new Copy(this);
        c.rateLimitPerSecond = perSecond;
        c.throttleRatio = ratio;
        return c.build();
    }

    public SimulatorSettings withAccountRateLimit(int perSecond) {
        Copy c = new Copy(this);
        c.accountRateLimitPerSecond = perSecond;
        return c.build();
    }

    public SimulatorSettings withCommandTimeoutCap(Duration cap) {
        Copy c = new Copy(this);
        c.commandTimeoutCap = cap;
        return c.build();
    }

    public SimulatorSettings withOutputQuota(int bytes) {
        Copy c = new Copy(this);
        c.outputQuota = bytes;
        return c.build();
    }

    /** The agent's clock: output interval, heartbeat and delivery window (tests shrink them). */
    public SimulatorSettings withAgent(Duration outputInterval, Duration heartbeat, Duration delivery) {
        Copy c = new Copy(this);
        c.runningOutputInterval = outputInterval;
        c.agentHeartbeat = heartbeat;
        c.deliveryTimeout = delivery;
        return c.build();
    }

    public SimulatorSettings withTimeScale(double scale) {
        Copy c = new Copy(this);
        c.timeScale = scale;
        return c.build();
    }

    // A mutable copy for the with-methods; build() validates again through the canonical constructor.
    private static final class Copy {
        Path fleetFile;
        Path workDir;
        Duration snapshotDuration;
        Duration rebootDuration;
        Duration latency;
        int rateLimitPerSecond;
        int accountRateLimitPerSecond;
        double throttleRatio;
        Duration commandTimeoutCap;
        int commandThreads;
        int maxCommandContentBytes;
        int callLogCapacity;
        boolean hooksLoopbackOnly;
        int outputQuota;
        Duration runningOutputInterval;
        Duration agentHeartbeat;
        Duration deliveryTimeout;
        double timeScale;

        Copy(SimulatorSettings s) {
            fleetFile = s.fleetFile;
            workDir = s.workDir;
            snapshotDuration = s.snapshotDuration;
            rebootDuration = s.rebootDuration;
            latency = s.latency;
            rateLimitPerSecond = s.rateLimitPerSecond;
            accountRateLimitPerSecond = s.accountRateLimitPerSecond;
            throttleRatio = s.throttleRatio;
            commandTimeoutCap = s.commandTimeoutCap;
            commandThreads = s.commandThreads;
            maxCommandContentBytes = s.maxCommandContentBytes;
            callLogCapacity = s.callLogCapacity;
            hooksLoopbackOnly = s.hooksLoopbackOnly;
            outputQuota = s.outputQuota;
            runningOutputInterval = s.runningOutputInterval;
            agentHeartbeat = s.agentHeartbeat;
            deliveryTimeout = s.deliveryTimeout;
            timeScale = s.timeScale;
        }

        SimulatorSettings build() {
            return new SimulatorSettings(fleetFile, workDir, snapshotDuration, rebootDuration, latency, rateLimitPerSecond,
                    accountRateLimitPerSecond, throttleRatio, commandTimeoutCap, commandThreads, maxCommandContentBytes,
                    callLogCapacity, hooksLoopbackOnly, outputQuota, runningOutputInterval, agentHeartbeat, deliveryTimeout, timeScale);
        }
    }

    /** A real-world duration of a tool or phase, scaled by {@link #timeScale()}. */
    public Duration scaled(Duration real) {
        return Duration.ofNanos(Math.round(real.toNanos() * timeScale));
    }
}
