package io.osmigration.snapshot;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.osmigration.snapshot.domain.CostModel;

/**
 * osm.snapshots.*
 *
 * @param retention           how long snapshots are kept after a successful migration (ISO-8601, PT0S allowed)
 * @param creationTimeout     deadline for all snapshots of a job to be accomplished; then they are deleted
 * @param pricePerGibMonth    snapshot storage price per GiB and month, for the estimated daily cost
 * @param currency            currency of that price
 * @param orphanSweepInterval how often backup snapshots no live job owns are looked for
 * @param pollInterval        how often a job waiting for the cloud (snapshot progress, instance status) looks again
 * @param workerInterval      how often the worker looks for due jobs when it found none
 * @param lease               how long a replica owns a job it claimed; another replica takes over after that
 * @param errorBackoff        wait after a failed cloud call before the job is tried again
 */
@Validated
@ConfigurationProperties("osm.snapshots")
public record SnapshotProperties(
        @DefaultValue("P1D") @NotNull Duration retention,
        @DefaultValue("PT30M") @NotNull Duration creationTimeout,
        @DefaultValue("0.12") @PositiveOrZero double pricePerGibMonth,
        @DefaultValue("USD") @NotBlank String currency,
        @DefaultValue("PT1H") @NotNull Duration orphanSweepInterval,
        @DefaultValue("PT2S") @NotNull Duration pollInterval,
        @DefaultValue("PT0.5S") @NotNull Duration workerInterval,
        @DefaultValue("PT2M") @NotNull Duration lease,
        @DefaultValue("PT5S") @NotNull Duration errorBackoff) {

    public SnapshotProperties {
        requireNotNegative("retention", retention);
        requirePositive("creation-timeout", creationTimeout);
        requirePositive("orphan-sweep-interval", orphanSweepInterval);
        requirePositive("poll-interval", pollInterval);
        requirePositive("worker-interval", workerInterval);
        requirePositive("lease", lease);
        requireNotNegative("error-backoff", errorBackoff);
    }

    public CostModel costModel() {
        return new CostModel(pricePerGibMonth, currency);
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value != null && value.isNegative()) {
            throw new IllegalArgumentException("osm.snapshots." + name + " must not be negative, was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("osm.snapshots." + name + " must be positive, was " + value);
        }
    }
}
