package io.osmigration.executor.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.osmigration.executor.ExecutorProperties;
import io.osmigration.executor.domain.DrillItem;
import io.osmigration.executor.domain.InstanceCloud;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobChange;
import io.osmigration.executor.domain.JobLifecycle;
import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.domain.PlannedStep;
import io.osmigration.executor.domain.ScriptOutput;
import io.osmigration.executor.domain.StepKind;
import io.osmigration.executor.domain.StepStatus;
import io.osmigration.platform.cloud.CloudApiException;

/**
 * Moves one claimed job one small step by talking to the cloud, and fires its deadlines; never waits for the cloud,
 * it looks again later. Each move is stored before the next one starts: a step is marked started before RunCommand
 * (so a cancellation or a takeover in between is seen before anything runs), the InvokeId right after, and the result
 * with its events in one write. Every move can be repeated after a crash: RunCommand carries the step's ClientToken.
 *
 * <p>ECS failures: transient ones (throttling, 5xx, timeouts) are retried with exponential back-off and jitter, at
 * most {@code osm.executor.cloud-retry.max-attempts} in a row; permanent ones end the step at once (a released
 * instance, a missing permission, an instance that is not Running when a step starts).
 */
@Component
class JobWorkflow {

    private static final Logger log = LoggerFactory.getLogger(JobWorkflow.class);
    /** ECS ends an invocation at its Timeout; this much later without a final status counts as hung. */
    private static final Duration TIMEOUT_GRACE = Duration.ofMinutes(1);

    private final InstanceCloud cloud;
    private final JobLifecycle lifecycle;
    private final ScriptLibrary scripts;
    private final ExecutorProperties properties;

    JobWorkflow(InstanceCloud cloud, JobLifecycle lifecycle, ScriptLibrary scripts, ExecutorProperties properties) {
        this.cloud = cloud;
        this.lifecycle = lifecycle;
        this.scripts = scripts;
        this.properties = properties;
    }

    JobChange advance(Job job, Instant now) {
        if (job.deadlineAt() != null && !now.isBefore(job.deadlineAt())) {
            return lifecycle.deadlinePassed(job, now);
        }
        if (job.rollbackPending() && job.rollbackDeadline() != null && !now.isBefore(job.rollbackDeadline())) {
            return lifecycle.rollbackUnconfirmed(job, now);
        }
        if (!job.state().isWorked()) {
            return unchanged(job, now);
        }
        if (job.instanceId() == null) {
            return lifecycle.noInstance(job, now);
        }
        try {
            return job.is(JobState.DRILLING) ? drill(job, now) : migrate(job, now);
        } catch (CloudApiException e) {
            return cloudFailed(job, e, now);
        }
    }

    /**
     * What {@link #advance} will ask the cloud about this job, so the worker can read it for many jobs at once. Kept
     * next to the moves it mirrors; asking for less only costs a call of its own, asking for more a shared read.
     */
    static InstanceCloud.Lookup nextLookup(Job job) {
        if (!job.state().isWorked() || job.instanceId() == null) {
            return none(job);
        }
        if (job.is(JobState.DRILLING)) {
            PlannedStep drill = job.drill();
            return drill == null || drill.invokeId() == null ? none(job) : lookup(job, false, false, drill.invokeId());
        }
        Optional<PlannedStep> current = job.currentStep();
        if (current.isEmpty()) {
            return none(job);
        }
        PlannedStep step = current.get();
        if (step.status() == StepStatus.PENDING) {
            return job.cancelRequested() || job.anyStepStarted() ? none(job) : lookup(job, true, false, null);
        }
        if (step.invokeId() == null) {
            return none(job);
        }
        if (step.awaitsReboot()) {
            return lookup(job, true, true, null);
        }
        return lookup(job, step.kind() != StepKind.RUN_SCRIPT_AND_AWAIT_REBOOT, false, step.invokeId());
    }

    /** The invocation a job waits for while it is not due: its record may be seen finished before the job looks. */
    static Optional<InstanceCloud.Lookup> awaitedInvocation(Job job) {
        InstanceCloud.Lookup next = nextLookup(job);
        return next.invokeId() == null ? Optional.empty()
                : Optional.of(lookup(job, false, false, next.invokeId()));
    }

    private static InstanceCloud.Lookup none(Job job) {
        return lookup(job, false, false, null);
    }

    private static InstanceCloud.Lookup lookup(Job job, boolean status, boolean agent, String invokeId) {
        return new InstanceCloud.Lookup(job.jobId(), job.regionId(), job.instanceId(), status, agent, invokeId);
    }

    // ---- migration ----

    private JobChange migrate(Job job, Instant now) {
        Optional<PlannedStep> current = job.currentStep();
        if (current.isEmpty()) {
            return unchanged(job, now);
        }
        PlannedStep step = current.get();
        if (step.status() == StepStatus.PENDING) {
            return startStep(job, step, now);
        }
        if (step.invokeId() == null) {
            return invoke(job, step, (j, s) -> j.withStep(s, now), now);
        }
        if (step.awaitsReboot()) {
            return awaitReboot(job, step, now);
        }
        Optional<InstanceCloud.Invocation> result = cloud.invocation(job.regionId(), job.instanceId(),
                step.invokeId());
        if (result.isEmpty() || !result.get().finished()) {
            if (step.kind() != StepKind.RUN_SCRIPT_AND_AWAIT_REBOOT) {
                // A script that has not ended may never end if someone stopped the instance: look at it too.
                Optional<JobChange> lost = handsOff(job, step.name(), now);
                if (lost.isPresent()) {
                    return lost.get();
                }
            }
            Duration limit = Duration.ofSeconds(step.timeoutSeconds());
            if (now.isAfter(step.startedAt().plus(limit).plus(TIMEOUT_GRACE))) {
                return lifecycle.stepFailed(job, step.name(), step.name() + " did not finish within " + limit,
                        null, "", now);
            }
            return pollRunning(job, step.startedAt(), limit, now);
        }
        InstanceCloud.Invocation invocation = result.get();
        if (!invocation.succeeded()) {
            return lifecycle.stepFailed(job, step.name(), failureReason(step.name(), invocation),
                    invocation.exitCode(), invocation.output(), now);
        }
        if (step.kind() == StepKind.RUN_SCRIPT_AND_AWAIT_REBOOT) {
            // Look at once: a quick reboot may be over before the next poll, and then it was never seen going down.
            boolean down = cloud.describe(job.regionId(), job.instanceId()).map(view -> !view.running())
                    .orElse(false);
            return within(job.withStep(step.commandFinished(invocation.exitCode(),
                    ScriptOutput.excerpt(invocation.output()), down, now), now)
                    .lookAgainAt(after(properties.polling().first(), now), now));
        }
        return lifecycle.stepSucceeded(job, step.name(), invocation.exitCode(), invocation.output(),
                resultingOs(job, step, invocation.output()), now);
    }

    /**
     * Before a step: stop if cancelled, check nobody else took the instance, then record that the step starts. The
     * instance is looked at before the first step; before later ones RunCommand itself refuses an instance that is
     * not Running (IncorrectInstanceStatus) or was released (NotFound), which ends the job the same way, and every
     * wait for a script that has not ended looks at the instance.
     */
    private JobChange startStep(Job job, PlannedStep step, Instant now) {
        if (job.cancelRequested()) {
            return lifecycle.cancel(job, job.cancelReason(), now);
        }
        if (!job.anyStepStarted()) {
            Optional<JobChange> lost = handsOff(job, step.name(), now);
            if (lost.isPresent()) {
                return lost.get();
            }
        }
        return within(job.withStep(step.invoked(null, now), now).lookAgainAt(now, now));
    }

    private interface StepUpdate {
        Job apply(Job job, PlannedStep step);
    }

    private JobChange invoke(Job job, PlannedStep step, StepUpdate update, Instant now) {
        String invokeId = cloud.runScript(job.regionId(), job.instanceId(), step.clientToken(),
                "osm-" + step.name().toLowerCase(java.util.Locale.ROOT),
                scripts.render(step.script(), job.destinationOs()), Duration.ofSeconds(step.timeoutSeconds()));
        log.info("Job {} {} started on {} (InvokeId {})", job.jobId(), step.name(), job.instanceId(), invokeId);
        PlannedStep invoked = new PlannedStep(step.name(), step.script(), step.kind(), step.timeoutSeconds(),
                step.clientToken(), step.compensation(), StepStatus.RUNNING, invokeId, step.startedAt(), null, null,
                false, null, null);
        return within(update.apply(job, invoked).lookAgainAt(after(properties.polling().first(), now), now));
    }

    /** After a reboot step's script: wait until the instance went down and is Running with Cloud Assistant online. */
    private JobChange awaitReboot(Job job, PlannedStep step, Instant now) {
        Optional<InstanceCloud.InstanceStatus> view = cloud.describe(job.regionId(), job.instanceId());
        if (view.isEmpty()) {
            return lifecycle.instanceLost(job, "instance " + job.instanceId()
                    + " no longer exists (released during the reboot)", now);
        }
        boolean online = view.get().running() && cloud.cloudAssistantOnline(job.regionId(), job.instanceId());
        if (!online && !step.seenDown()) {
            return within(job.withStep(step.sawInstanceDown(), now)
                    .lookAgainAt(after(properties.polling().first(), now), now));
        }
        if (online && (step.seenDown() || now.isAfter(step.commandFinishedAt().plus(properties.rebootSettle())))) {
            return lifecycle.stepSucceeded(job, step.name(), step.exitCode(), step.output(), null, now);
        }
        if (now.isAfter(step.commandFinishedAt().plus(properties.rebootWait()))) {
            return lifecycle.stepFailed(job, step.name(), "the instance did not come back (Running with Cloud "
                    + "Assistant online) within " + properties.rebootWait() + " after the reboot; last status "
                    + view.get().status(), step.exitCode(), step.output(), now);
        }
        return pollRunning(job, step.commandFinishedAt(), properties.rebootWait(), now);
    }

    /**
     * Hands off: while MIGRATING nobody else may stop, restart or release the instance. If someone did, the job fails
     * safely and asks for the rollback.
     */
    private Optional<JobChange> handsOff(Job job, String stepName, Instant now) {
        Optional<InstanceCloud.InstanceStatus> view = cloud.describe(job.regionId(), job.instanceId());
        if (view.isEmpty()) {
            return Optional.of(lifecycle.instanceLost(job, "instance " + job.instanceId()
                    + " no longer exists (released during the migration)", now));
        }
        if (!view.get().running()) {
            return Optional.of(lifecycle.instanceLost(job, "instance " + job.instanceId() + " is "
                    + view.get().status() + ": it was stopped or restarted by someone else during " + stepName, now));
        }
        return Optional.empty();
    }

    private String resultingOs(Job job, PlannedStep step, String output) {
        List<PlannedStep> steps = job.steps();
        if (!steps.get(steps.size() - 1).name().equals(step.name())) {
            return null;
        }
        return ScriptOutput.resultingOs(output).orElseGet(() -> cloud.describe(job.regionId(), job.instanceId())
                .map(InstanceCloud.InstanceStatus::osName).orElse(null));
    }

    // ---- drill ----

    private JobChange drill(Job job, Instant now) {
        PlannedStep drill = job.drill();
        if (drill.status() == StepStatus.PENDING) {
            return within(job.withDrill(drill.invoked(null, now), now).lookAgainAt(now, now));
        }
        if (drill.invokeId() == null) {
            return invoke(job, drill, (j, s) -> j.withDrill(s, now), now);
        }
        Optional<InstanceCloud.Invocation> result = cloud.invocation(job.regionId(), job.instanceId(),
                drill.invokeId());
        if (result.isEmpty() || !result.get().finished()) {
            Duration limit = Duration.ofSeconds(drill.timeoutSeconds());
            if (now.isAfter(drill.startedAt().plus(limit).plus(TIMEOUT_GRACE))) {
                return lifecycle.drillFailed(job, "the drill did not finish within " + limit, null, "", now);
            }
            return pollRunning(job, drill.startedAt(), limit, now);
        }
        InstanceCloud.Invocation invocation = result.get();
        List<DrillItem> items;
        try {
            items = DrillReportParser.parse(invocation.output());
        } catch (IllegalArgumentException unreadable) {
            return lifecycle.drillFailed(job, failureReason("DRILL", invocation) + "; " + unreadable.getMessage(),
                    invocation.exitCode(), invocation.output(), now);
        }
        return lifecycle.drillFinished(job, items, invocation.exitCode(), invocation.output(), now);
    }

    // ---- failures ----

    /**
     * A permanent ECS error ends the step (or drill) at once; a transient one is tried again after a back-off that
     * doubles with every failure in a row, until {@code cloud-retry.max-attempts}.
     */
    private JobChange cloudFailed(Job job, CloudApiException e, Instant now) {
        boolean instanceGone = e.isNotFound() && "InvalidInstanceId.NotFound".equals(e.code());
        if (e.isRetryable() && job.cloudFailures() + 1 < properties.cloudRetry().maxAttempts()) {
            Instant next = now.plus(backoff(job.cloudFailures()));
            log.warn("Job {}: {}; attempt {} of {}, next at {}", job.jobId(), e.getMessage(), job.cloudFailures() + 1,
                    properties.cloudRetry().maxAttempts(), next);
            return within(job.cloudFailed(e.getMessage(), next, now));
        }
        String reason = e.isRetryable()
                ? "ECS kept failing (" + properties.cloudRetry().maxAttempts() + " attempts in a row): " + e.getMessage()
                : instanceGone ? "instance " + job.instanceId() + " no longer exists (released during the migration): "
                + e.getMessage() : "ECS refused: " + e.getMessage();
        log.warn("Job {}: {}", job.jobId(), reason);
        if (job.is(JobState.DRILLING)) {
            return lifecycle.drillFailed(job, reason, null, "", now);
        }
        if (instanceGone || "IncorrectInstanceStatus".equals(e.code())) {
            return lifecycle.instanceLost(job, reason, now);
        }
        String step = job.currentStep().map(PlannedStep::name).orElse(null);
        return step == null ? unchanged(job, now) : lifecycle.stepFailed(job, step, reason, null, "", now);
    }

    private Duration backoff(int failuresSoFar) {
        long initial = properties.cloudRetry().initialBackoff().toMillis();
        long capped = Math.min(properties.cloudRetry().maxBackoff().toMillis(),
                initial * (1L << Math.min(20, failuresSoFar)));
        long jitter = ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(capped / 2 + jitter + 1);
    }

    /**
     * Looks again at something running since {@code since} with {@code timeout}: soon at first, then less often
     * ({@code osm.executor.polling}). Waits of a second or more end on a whole second, so the jobs one replica waits
     * for fall due together and their reads share calls.
     */
    private JobChange pollRunning(Job job, Instant since, Duration timeout, Instant now) {
        Duration wait = properties.polling().next(since == null ? Duration.ZERO : Duration.between(since, now),
                timeout);
        return within(job.lookAgainAt(after(wait, now), now));
    }

    /**
     * {@code now + wait}, rounded up onto a grid every job shares — whole seconds for waits of a second or more, else
     * multiples of {@code polling.first} — so jobs looked at about the same time fall due together.
     */
    private Instant after(Duration wait, Instant now) {
        long grid = wait.toMillis() >= 1000 ? 1000 : Math.max(1, properties.polling().first().toMillis());
        long millis = now.plus(wait).toEpochMilli();
        return Instant.ofEpochMilli((millis + grid - 1) / grid * grid);
    }

    private JobChange poll(Job job, Instant now) {
        return within(job.lookAgainAt(now.plus(properties.pollInterval()), now));
    }

    /** Progress within the job's state: no transition, no events. */
    private static JobChange within(Job job) {
        return new JobChange(job, List.of(), null, null);
    }

    /** Nothing to do now (another move raced ahead, or the job was due for a deadline that moved). */
    private JobChange unchanged(Job job, Instant now) {
        return job.state().isWorked() ? poll(job, now) : new JobChange(job, List.of(), null, "nothing to do");
    }

    private static String failureReason(String step, InstanceCloud.Invocation invocation) {
        String why = invocation.errorInfo() == null || invocation.errorInfo().isBlank() ? ""
                : " (" + invocation.errorInfo() + ")";
        String tail = lastLine(invocation.output());
        return step + " ended " + invocation.status() + " with exit code " + invocation.exitCode() + why
                + (tail.isEmpty() ? "" : ": " + tail);
    }

    private static String lastLine(String output) {
        if (output == null) {
            return "";
        }
        String[] lines = output.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
