package io.osmigration.executor;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.osmigration.executor.domain.Deadlines;
import io.osmigration.executor.domain.JobState;

/**
 * @param maxBatchSize          most targets one batch may hold
 * @param defaultMaxParallel    jobs of a batch past the precheck at once when the request names none
 * @param workerThreads         jobs one replica advances at the same time
 * @param pollInterval          how often the worker looks for work and polls running invocations
 * @param lease                 how long a replica owns a job or batch it claimed; another replica takes over after it
 * @param installTimeout        RunCommand Timeout of INSTALL (the recipe's tool from its repository) and of the
 *                              answers and remedies
 * @param upgradeTimeout        RunCommand Timeout of UPGRADE (leapp upgrade, convert2rhel, centos2anolis.py)
 * @param rebootTimeout         RunCommand Timeout of REBOOT's script (it only asks for the restart)
 * @param verifyTimeout         RunCommand Timeout of VERIFY
 * @param drillTimeout          RunCommand Timeout of the drill (install and the tool's check)
 * @param rebootWait            caps how long the instance may take to come back after REBOOT; unset: the recipe's
 *                              deadline (the catalogue's {@code restart.deadline}, 2 h for Leapp after the AlmaLinux
 *                              guide), through the offline phase and the recipe's own reboots
 * @param rebootPollMax         the longest wait between two looks at a restarting instance: the looks back off from
 *                              {@code poll-interval} to this (half the time waited so far), so a two-hour offline
 *                              phase costs a few calls a minute, not five a second
 * @param sseInterval           how often an SSE stream looks for new stored events
 * @param batchRecheck          how often an open batch is looked at even when nothing asked for it (heals a missed
 *                              nudge after a crash)
 * @param deadlines             how long a job may stay in each state ({@code osm.executor.deadlines.<state>})
 * @param cloudRetry            how transient ECS failures of a job's step are retried
 * @param registry              where source-registry answers for sources this replica has not heard of yet
 * @param events                the stored event history behind the SSE streams
 * @param polling               how often a running step is looked at, and how many jobs are read in shared calls
 */
@Validated
@ConfigurationProperties("osm.executor")
public record ExecutorProperties(
        @DefaultValue("5000") @Min(1) @Max(100_000) int maxBatchSize,
        @DefaultValue("20") @Min(1) @Max(10_000) int defaultMaxParallel,
        @DefaultValue("4") @Min(1) @Max(256) int workerThreads,
        @DefaultValue("200ms") @NotNull Duration pollInterval,
        @DefaultValue("30s") @NotNull Duration lease,
        @DefaultValue("30m") @NotNull Duration installTimeout,
        @DefaultValue("2h") @NotNull Duration upgradeTimeout,
        @DefaultValue("5m") @NotNull Duration rebootTimeout,
        @DefaultValue("10m") @NotNull Duration verifyTimeout,
        @DefaultValue("1h") @NotNull Duration drillTimeout,
        Duration rebootWait,
        @DefaultValue("60s") @NotNull Duration rebootPollMax,
        @DefaultValue("250ms") @NotNull Duration sseInterval,
        @DefaultValue("10s") @NotNull Duration batchRecheck,
        @DefaultValue @Valid DeadlineSettings deadlines,
        @DefaultValue @Valid CloudRetry cloudRetry,
        @DefaultValue @Valid Registry registry,
        @DefaultValue @Valid Events events,
        @DefaultValue @Valid Polling polling) {

    /**
     * Deadlines per non-terminal state, ISO-8601 ({@code PT30M}) or Spring's short form ({@code 30m}). Unset: the
     * state table's default (the module README); {@code pending} has none by default.
     */
    public record DeadlineSettings(Duration pending, Duration prechecking, Duration snapshotting, Duration drilling,
                                   Duration awaitingApproval, Duration migrating, Duration rollbackWait) {

        public DeadlineSettings {
            for (Duration d : new Duration[] {pending, prechecking, snapshotting, drilling, awaitingApproval,
                    migrating, rollbackWait}) {
                if (d != null && (d.isNegative() || d.isZero())) {
                    throw new IllegalArgumentException("osm.executor.deadlines.*: a deadline must be positive, was "
                            + d);
                }
            }
        }

        public Deadlines toDomain() {
            Deadlines defaults = Deadlines.defaults();
            Map<JobState, Duration> perState = new EnumMap<>(JobState.class);
            perState.putAll(defaults.perState());
            put(perState, JobState.PENDING, pending);
            put(perState, JobState.PRECHECKING, prechecking);
            put(perState, JobState.SNAPSHOTTING, snapshotting);
            put(perState, JobState.DRILLING, drilling);
            put(perState, JobState.AWAITING_APPROVAL, awaitingApproval);
            put(perState, JobState.MIGRATING, migrating);
            return new Deadlines(perState, rollbackWait == null ? defaults.rollbackWait() : rollbackWait);
        }

        private static void put(Map<JobState, Duration> map, JobState state, Duration value) {
            if (value != null) {
                map.put(state, value);
            }
        }
    }

    /**
     * @param maxAttempts    transient ECS failures in a row (throttling, 5xx, timeouts) after which the step fails
     * @param initialBackoff wait after the first one; doubles each time, with jitter, up to {@code maxBackoff}
     */
    public record CloudRetry(@DefaultValue("8") @Min(1) @Max(100) int maxAttempts,
                             @DefaultValue("2s") @NotNull Duration initialBackoff,
                             @DefaultValue("2m") @NotNull Duration maxBackoff) {
    }

    /**
     * @param url         source-registry's base URL; blank: only sources heard of on {@code osm.sources} are known
     * @param token       bearer token for source-registry's API
     * @param timeout     how long one lookup may take
     * @param concurrency lookups in flight at once for one submission
     */
    public record Registry(@DefaultValue("http://localhost:8081") String url, @DefaultValue("") String token,
                           @DefaultValue("5s") @NotNull Duration timeout,
                           @DefaultValue("8") @Min(1) @Max(64) int concurrency) {
    }

    /**
     * Adaptive waiting for a running step (or drill, or a reboot): look soon after it started, then less and less
     * often — each wait {@code growth} times the time it has run so far — up to a ceiling that is {@code max}, or a
     * tenth of the step's timeout when that is shorter (a step is looked at ten times at least within its timeout).
     * A 10-minute step is looked at about 20 times; an hour's upgrade about 70 times.
     *
     * @param first  first look after a step started (and after a reboot's command ended)
     * @param growth each further wait as a fraction of the time the step has run so far
     * @param max    the longest wait between two looks
     * @param batch  due jobs one replica claims at once; their cloud reads share calls (DescribeInstances takes 100
     *               instances, DescribeCloudAssistantStatus 50, the running invocation records are listed 50 a page)
     */
    public record Polling(@DefaultValue("500ms") @NotNull Duration first,
                          @DefaultValue("0.5") @jakarta.validation.constraints.DecimalMin("0.05")
                          @jakarta.validation.constraints.DecimalMax("10") double growth,
                          @DefaultValue("60s") @NotNull Duration max,
                          @DefaultValue("100") @Min(1) @Max(1000) int batch) {

        /** How long to wait before looking again at something that has run for {@code elapsed} of {@code timeout}. */
        public Duration next(Duration elapsed, Duration timeout) {
            long firstMs = Math.max(1, first.toMillis());
            long ceiling = Math.max(firstMs, Math.min(max.toMillis(), timeout.toMillis() / 10));
            long grown = (long) (Math.max(0, elapsed.toMillis()) * growth);
            return Duration.ofMillis(Math.min(ceiling, Math.max(firstMs, grown)));
        }
    }

    /**
     * @param retention how long stored events are kept (a {@code Last-Event-ID} older than that gets {@code reset})
     * @param gapGrace  how long a reader waits for a sequence number that was taken but not yet stored before it
     *                  closes the gap; a writer that comes later stores its event under a new number
     */
    public record Events(@DefaultValue("7d") @NotNull Duration retention,
                         @DefaultValue("5s") @NotNull Duration gapGrace) {
    }
}
