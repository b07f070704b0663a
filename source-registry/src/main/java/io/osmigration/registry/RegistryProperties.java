package io.osmigration.registry;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the source registry ({@code osm.registry.*}).
 *
 * @param publicUrl                 base URL servers use to reach this service (import command, import.sh); blank
 *                                  derives it from each request's Host header
 * @param describeBatchSize         instance ids per DescribeInstances call (ECS accepts at most 100)
 * @param runCommandBatchSize       instances per RunCommand of the fact collector
 * @param factsTimeout              how long an ECS import waits for the collector before it keeps DescribeInstances facts
 * @param statusPollInterval        how often ECS sources' Cloud Assistant status is polled and heartbeats are checked
 * @param heartbeatTimeout          a script-imported source without a heartbeat for this long goes OFFLINE
 * @param activationFailureLimit    failed activation/heartbeat attempts (unknown codes) one address may make per window
 * @param activationFailureWindow   the window of that limit; after it the address may try again
 */
@Validated
@ConfigurationProperties("osm.registry")
public record RegistryProperties(
        @DefaultValue("") String publicUrl,
        @DefaultValue("100") @Min(1) @Max(100) int describeBatchSize,
        @DefaultValue("50") @Min(1) @Max(100) int runCommandBatchSize,
        @DefaultValue("60s") @NotNull Duration factsTimeout,
        @DefaultValue("60s") @NotNull Duration statusPollInterval,
        @DefaultValue("15m") @NotNull Duration heartbeatTimeout,
        @DefaultValue("10") @Min(1) @Max(10_000) int activationFailureLimit,
        @DefaultValue("10m") @NotNull Duration activationFailureWindow) {
}
