package io.osmigration.snapshot;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.osmigration.snapshot.domain.CostModel;
import io.osmigration.snapshot.domain.PollSchedule;

/**
 * osm.snapshots.*
 *
 * @param retention           how long snapshots are kept after a successful migration (ISO-8601, PT0S allowed)
 * @param creationTimeout     deadline for all snapshots of a job to be accomplished; then they are deleted
 * @param pricePerGibMonth    snapshot storage price per GiB and month, for the estimated daily cost
 * @param currency            currency of that price
 * @param orphanSweepInterval how often backup snapshots no live job owns are looked for
 * @param pollInterval        how often a rollback waiting for the instance (stopped, running again) looks again
 * @param polling             when snapshot progress is read (see {@link Polling})
 * @param snapshotGroups      whether every disk of an instance is snapshotted with one CreateSnapshotGroup (one call,
 *                            one point in time for all disks); an instance the cloud refuses a group for (disks outside
 *                            the ESSD family, more than 16 disks) gets a snapshot per disk either way
 * @param workerInterval      how often the worker looks for due jobs when it found none
 * @param workerThreads       jobs one replica moves a step at the same time (each step is a cloud call or a few:
 *                            CreateSnapshotGroup, the deletes of a release); progress reads are batched apart
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
        @DefaultValue("4") @Min(1) @Max(256) int workerThreads,
        @DefaultValue("PT2M") @NotNull Duration lease,
        @DefaultValue("PT5S") @NotNull Duration errorBackoff,
        @DefaultValue @NotNull @Valid Polling polling,
        @DefaultValue("true") boolean snapshotGroups) {

    public SnapshotProperties {
        requireNotNegative("retention", retention);
        requirePositive("creation-timeout", creationTimeout);
        requirePositive("orphan-sweep-interval", orphanSweepInterval);
        requirePositive("poll-interval", pollInterval);
        requirePositive("worker-interval", workerInterval);
        requirePositive("lease", lease);
        requireNotNegative("error-backoff", errorBackoff);
    }

    /**
     * osm.snapshots.polling.*: one read per worker round serves every job whose snapshots are being made.
     *
     * @param first first read after the snapshots were asked for; later reads come after half the time waited so far
     * @param tick  every read time is rounded up to a multiple of it, so jobs started within one tick are read in one
     *              call (longer: more jobs share a read; shorter: a job hears sooner)
     * @param max   longest wait between two reads (a large disk's first snapshot can take tens of minutes)
     * @param batch most jobs one round reads (DescribeSnapshots takes 100 snapshot ids a call, DescribeSnapshotGroups
     *              10 group ids)
     */
    public record Polling(@DefaultValue("PT1S") @NotNull Duration first,
                          @DefaultValue("PT2S") @NotNull Duration tick,
                          @DefaultValue("PT1M") @NotNull Duration max,
                          @DefaultValue("500") @Min(1) @Max(5000) int batch) {

        public Polling {
            requirePositive("polling.first", first);
            requirePositive("polling.tick", tick);
            if (max != null && first != null && max.compareTo(first) < 0) {
                throw new IllegalArgumentException("osm.snapshots.polling.max must be at least polling.first ("
                        + first + "), was " + max);
            }
        }

        public PollSchedule schedule() {
            return new PollSchedule(first, max, tick);
        }
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
