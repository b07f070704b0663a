package io.osmigration.executor;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxBatchSize          most targets one batch may hold
 * @param defaultMaxParallel    jobs of a batch past the precheck at once when the request names none
 * @param workerThreads         jobs one replica advances at the same time
 * @param pollInterval          how often the worker looks for work and polls running invocations
 * @param lease                 how long a replica owns a job it claimed; another replica takes over after it
 * @param prepareTimeout        RunCommand Timeout of PREPARE
 * @param upgradeTimeout        RunCommand Timeout of UPGRADE
 * @param rebootTimeout         RunCommand Timeout of REBOOT
 * @param verifyTimeout         RunCommand Timeout of VERIFY
 * @param drillTimeout          RunCommand Timeout of the drill
 * @param rebootWait            how long the instance may take to be Running with Cloud Assistant online after REBOOT
 * @param sseInterval           how often an SSE stream looks for new stored events
 * @param rebootSettle          after REBOOT's script, how long "Running" does not yet count as "back" unless the
 *                              instance was seen going down (a reboot may not show in the status at once)
 */
@Validated
@ConfigurationProperties("osm.executor")
public record ExecutorProperties(
        @DefaultValue("5000") @Min(1) @Max(100_000) int maxBatchSize,
        @DefaultValue("20") @Min(1) @Max(10_000) int defaultMaxParallel,
        @DefaultValue("4") @Min(1) @Max(256) int workerThreads,
        @DefaultValue("200ms") @NotNull Duration pollInterval,
        @DefaultValue("30s") @NotNull Duration lease,
        @DefaultValue("10m") @NotNull Duration prepareTimeout,
        @DefaultValue("2h") @NotNull Duration upgradeTimeout,
        @DefaultValue("5m") @NotNull Duration rebootTimeout,
        @DefaultValue("10m") @NotNull Duration verifyTimeout,
        @DefaultValue("1h") @NotNull Duration drillTimeout,
        @DefaultValue("15m") @NotNull Duration rebootWait,
        @DefaultValue("250ms") @NotNull Duration sseInterval,
        @DefaultValue("20s") @NotNull Duration rebootSettle) {

    public Duration timeoutOf(String step) {
        return switch (step) {
            case "PREPARE" -> prepareTimeout;
            case "UPGRADE" -> upgradeTimeout;
            case "REBOOT" -> rebootTimeout;
            case "VERIFY" -> verifyTimeout;
            default -> drillTimeout;
        };
    }
}
