package io.osmigration.cli.commands;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.osmigration.cli.ExitCodes;
import io.osmigration.cli.Osm;
import io.osmigration.cli.api.ApiError;
import io.osmigration.cli.api.EventStream;
import io.osmigration.cli.api.Model.Batch;
import io.osmigration.cli.api.Model.Job;
import io.osmigration.cli.api.Model.Step;
import io.osmigration.cli.output.Progress;

/**
 * Follows a batch to its end: the executor's SSE stream says when something happened, the batch itself
 * ({@code GET /api/v1/migrations/{id}}) says what; each job's change of state is a line, the progress bar and the
 * counts per state follow. A quiet stream is checked every few seconds anyway, so a missed event delays nothing.
 */
final class BatchWatcher {

    static final Set<String> FINISHED = Set.of("PRECHECK_FAILED", "COMPLETED", "FAILED", "ROLLED_BACK", "CANCELLED");
    private static final Duration QUIET_REFRESH = Duration.ofSeconds(3);
    private static final Duration COALESCE = Duration.ofMillis(150);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Osm osm;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Progress progress;
    private final Map<String, String> seen = new HashMap<>();

    BatchWatcher(Osm osm, PrintWriter out, PrintWriter err) {
        this.osm = osm;
        this.out = out;
        this.err = err;
        this.progress = new Progress(out, osm.interactive());
    }

    /** Watches until the batch ends or needs someone; the exit status says which ({@link ExitCodes}). */
    int watch(String batchId, Duration timeout) throws InterruptedException {
        Batch batch = osm.api().batch(batchId);
        out.printf("Watching %s (%d jobs, drill %s); Ctrl-C stops watching, not the batch.%n", batch.batchId(),
                batch.jobs().size(), batch.drillMode());
        update(batch);
        Integer outcome = outcome(batch);
        if (outcome != null) {
            return finish(batch, outcome);
        }
        Instant deadline = timeout == null ? Instant.MAX : Instant.now().plus(timeout);
        BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
        AtomicReference<ApiError> streamFailure = new AtomicReference<>();
        try (EventStream ignored = osm.api().events(batchId, null, signals::offer, failure -> {
            streamFailure.set(failure);
            signals.offer(failure);
        })) {
            while (true) {
                Object signal = signals.poll(QUIET_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
                while (signal != null && signals.poll(COALESCE.toMillis(), TimeUnit.MILLISECONDS) != null) {
                    signals.clear(); // a burst (the history replayed on connect): one look at the batch after it
                }
                if (streamFailure.get() != null) {
                    progress.end();
                    throw streamFailure.get();
                }
                batch = osm.api().batch(batchId);
                update(batch);
                outcome = outcome(batch);
                if (outcome != null) {
                    return finish(batch, outcome);
                }
                if (Instant.now().isAfter(deadline)) {
                    progress.end();
                    err.printf("osm: %s still %s after %s%n", batchId, batch.state(), timeout);
                    err.flush();
                    return ExitCodes.TIMEOUT;
                }
            }
        }
    }

    /** How a batch ended, or null while it goes on by itself. */
    static Integer outcome(Batch batch) {
        List<Job> jobs = batch.jobs();
        switch (batch.state()) {
            case "CANCELLED":
                return ExitCodes.CANCELLED;
            case "PAUSED":
                return ExitCodes.PAUSED;
            case "COMPLETED":
                return jobs.stream().allMatch(j -> "COMPLETED".equals(j.state())) ? ExitCodes.OK : ExitCodes.FAILURES;
            default:
                boolean stuck = jobs.stream().allMatch(j -> FINISHED.contains(j.state())
                        || "AWAITING_APPROVAL".equals(j.state()));
                return stuck && jobs.stream().anyMatch(j -> "AWAITING_APPROVAL".equals(j.state()))
                        ? ExitCodes.AWAITING_APPROVAL : null;
        }
    }

    private void update(Batch batch) {
        for (Job job : batch.jobs()) {
            String now = where(job);
            String before = seen.put(job.jobId(), now);
            if (before != null && !before.equals(now)) {
                String why = FINISHED.contains(job.state()) && job.error() != null ? "  (" + shorten(job.error()) + ")" : "";
                progress.line(String.format("%s  %-22s  %s → %s%s", LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
                        .format(CLOCK), job.label(), before, now, why));
            }
        }
        progress.show(batch.jobs().stream().map(Job::state).toList());
    }

    /** The job's state, with the step it is on while it migrates. */
    private static String where(Job job) {
        if ("MIGRATING".equals(job.state()) && !job.steps().isEmpty()) {
            Step last = job.steps().get(job.steps().size() - 1);
            return "MIGRATING " + last.name();
        }
        return job.state();
    }

    private int finish(Batch batch, int outcome) {
        progress.end();
        String id = batch.batchId();
        switch (outcome) {
            case ExitCodes.OK -> out.printf("%s COMPLETED: every job migrated.%n", id);
            case ExitCodes.FAILURES -> out.printf("%s finished; not every job COMPLETED. Findings and blockers: "
                    + "osm report %s%n", id, id);
            case ExitCodes.CANCELLED -> out.printf("%s was cancelled%s.%n", id, reason(batch));
            case ExitCodes.PAUSED -> out.printf("%s is PAUSED%s. Go on with: osm batches resume %s (or cancel)%n", id,
                    reason(batch), id);
            default -> out.printf("%s: the drilled jobs await approval. Migrate them with: osm batches approve %s%n",
                    id, id);
        }
        out.flush();
        return outcome;
    }

    private static String reason(Batch batch) {
        return batch.reason() == null ? "" : ": " + batch.reason();
    }

    private static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
