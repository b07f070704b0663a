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
import io.osmigration.executor.domain.MigrationRecipes;
import io.osmigration.executor.domain.StepCommands;
import io.osmigration.executor.domain.StepResultFormat;
import io.osmigration.executor.domain.StepStatus;
import io.osmigration.executor.recipe.CatalogueRecipes;
import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.preflight.Convert2RhelReports;
import io.osmigration.platform.preflight.LeappReports;
import io.osmigration.platform.preflight.PreflightFinding;
import io.osmigration.platform.preflight.PreflightReport;

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
    /**
     * A script still running after this long is no quick step: from then on each look also asks whether the instance
     * still runs (someone may have stopped it; the script would then never end). Quick steps, most of a migration,
     * are not looked at twice.
     */
    static final Duration HANDS_OFF_AFTER = Duration.ofSeconds(10);

    private final InstanceCloud cloud;
    private final StepCommands commands;
    private final JobLifecycle lifecycle;
    private final MigrationRecipes recipes;
    private final ExecutorProperties properties;

    JobWorkflow(InstanceCloud cloud, StepCommands commands, JobLifecycle lifecycle, MigrationRecipes recipes,
                ExecutorProperties properties) {
        this.cloud = cloud;
        this.commands = commands;
        this.lifecycle = lifecycle;
        this.recipes = recipes;
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
            // The wait after the restart reads the agent's state and heartbeat (StepCommands.agent), 50 agents a call.
            return lookup(job, false, true, null);
        }
        return lookup(job, watchesInstance(step, job.nextActionAt()), false, step.invokeId());
    }

    /** Whether a look at the running step at {@code at} also looks at the instance (not while it reboots itself). */
    private static boolean watchesInstance(PlannedStep step, Instant at) {
        return step.kind() != StepKind.RUN_SCRIPT_AND_AWAIT_REBOOT && step.startedAt() != null && at != null
                && !at.isBefore(step.startedAt().plus(HANDS_OFF_AFTER));
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
        Optional<StepCommands.Ended> result = ended(job, step);
        if (result.isEmpty() && watchesInstance(step, now)) {
            // A script that has not ended may never end if someone stopped the instance: look at it too.
            Optional<JobChange> lost = handsOff(job, step.name(), now);
            if (lost.isPresent()) {
                return lost.get();
            }
        }
        if (result.isEmpty()) {
            Duration limit = Duration.ofSeconds(step.timeoutSeconds());
            if (now.isAfter(step.startedAt().plus(limit).plus(TIMEOUT_GRACE))) {
                return lifecycle.stepFailed(job, step.name(), step.name() + " did not finish within " + limit,
                        null, "", now);
            }
            return pollRunning(job, step.startedAt(), limit, now);
        }
        StepCommands.Ended ended = result.get();
        if (step.kind() == StepKind.RUN_SCRIPT_AND_AWAIT_REBOOT) {
            if (ended.outcome() != StepCommands.Outcome.RESTARTING) {
                return lifecycle.stepFailed(job, step.name(), failureReason(step.name(), ended)
                        + (ended.outcome() == StepCommands.Outcome.SUCCEEDED
                        ? " (it exited 0: no restart was asked for with exit 194)" : ""),
                        ended.exitCode(), ended.console(), now);
            }
            // Cloud Assistant reported the step (Failed, exit code 194) and restarted the instance then: its
            // FinishedTime is the restart, not when we saw it (a heartbeat after it is the agent back).
            return within(job.withStep(step.commandFinished(ended.exitCode(), ScriptOutput.excerpt(ended.console()),
                    restartedAt(ended, now)), now).lookAgainAt(after(properties.polling().first(), now), now));
        }
        if (ended.outcome() != StepCommands.Outcome.SUCCEEDED) {
            return lifecycle.stepFailed(job, step.name(), failureReason(step.name(), ended) + reportSays(step, ended),
                    ended.exitCode(), ended.console(), now);
        }
        return startingNext(lifecycle.stepSucceeded(job, step.name(), ended.exitCode(), ended.console(),
                resultingOs(job, step, ended), now), now);
    }

    /**
     * A step succeeded and the next one is due: it is marked started in the same write (what {@link #startStep}
     * would write next; later steps need no look at the instance), so its RunCommand follows at once.
     */
    private static JobChange startingNext(JobChange change, Instant now) {
        Job job = change.job();
        if (change.refused() || change.transition() != null || !job.is(JobState.MIGRATING) || job.cancelRequested()) {
            return change;
        }
        Optional<PlannedStep> next = job.currentStep();
        if (next.isEmpty() || next.get().status() != StepStatus.PENDING) {
            return change;
        }
        return new JobChange(job.withStep(next.get().invoked(null, now), now).lookAgainAt(now, now), change.events(),
                null, null);
    }

    /** When the reboot step's script ended (ECS's FinishedTime), or now when ECS did not say (or says the future). */
    private static Instant restartedAt(StepCommands.Ended ended, Instant now) {
        Instant at = ended.endedAt();
        return at == null || at.isAfter(now) ? now : at;
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
        String invokeId = commands.start(job.regionId(), job.instanceId(), step.clientToken(), commandName(step),
                step.script(), Duration.ofSeconds(Math.max(10, step.timeoutSeconds())), step.result().captured());
        log.info("Job {} {} started on {} (InvokeId {})", job.jobId(), step.name(), job.instanceId(), invokeId);
        PlannedStep invoked = step.invoked(invokeId, now);
        return within(update.apply(job, invoked).lookAgainAt(after(properties.polling().first(), now), now));
    }

    /**
     * How the step's (or drill's) invocation ended, its result read whole; empty while it runs. Where it stands comes
     * from the replica's shared reads (many records a call); only an ended one is read whole, through the Cloud
     * Assistant client (its result file, exit 194), from the record those reads fetched.
     */
    private Optional<StepCommands.Ended> ended(Job job, PlannedStep step) {
        Optional<InstanceCloud.Invocation> seen = cloud.invocation(job.regionId(), job.instanceId(), step.invokeId());
        if (seen.isEmpty() || !seen.get().finished()) {
            return Optional.empty();
        }
        return commands.ended(job.regionId(), job.instanceId(), step.clientToken(), step.invokeId(),
                commandName(step), step.result().captured());
    }

    private static String commandName(PlannedStep step) {
        return "osm-" + step.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * After a reboot step's script (exit 194): wait until the instance is back with its agent online, through the
     * recipe's offline phase and its own reboots, at most the step's {@code backWithin}. The agent heartbeats about
     * once a minute and Cloud Assistant calls it online until two heartbeats were missed, so "online" alone proves
     * nothing right after the restart: the instance is back once its agent was seen offline and is online again, or
     * has sent a heartbeat since the restart (an agent pings at once when it starts). The looks back off (half the
     * time waited so far, at most {@code reboot-poll-max}): one call each.
     */
    private JobChange awaitReboot(Job job, PlannedStep step, Instant now) {
        Optional<StepCommands.Agent> agent = commands.agent(job.regionId(), job.instanceId());
        if (agent.isEmpty()) {
            return lifecycle.instanceLost(job, "instance " + job.instanceId()
                    + " no longer exists (released during the reboot)", now);
        }
        Instant restartedAt = step.commandFinishedAt();
        boolean online = agent.get().online();
        Instant beat = agent.get().lastHeartbeat();
        // LastHeartbeatTime has whole seconds: only a beat of a later second than the restart is surely after it.
        boolean beatSinceRestart = beat != null && beat.isAfter(restartedAt);
        if (online && (step.seenDown() || beatSinceRestart)) {
            return lifecycle.stepSucceeded(job, step.name(), step.exitCode(), step.output(), null, now);
        }
        Duration backWithin = Duration.ofSeconds(step.backWithinSeconds());
        Instant deadline = restartedAt.plus(backWithin);
        if (!now.isBefore(deadline)) {
            return lifecycle.stepFailed(job, step.name(), "the instance did not come back (its Cloud Assistant agent "
                    + "online again) within " + backWithin + " after the restart, the recipe's deadline through "
                    + "its offline phase and reboots", step.exitCode(), step.output(), now);
        }
        Job next = !online && !step.seenDown() ? job.withStep(step.sawInstanceDown(), now) : job;
        Duration waited = Duration.between(restartedAt, now);
        Duration pause = waited.dividedBy(2);
        if (pause.compareTo(properties.pollInterval()) < 0) {
            pause = properties.pollInterval();
        }
        if (pause.compareTo(properties.rebootPollMax()) > 0) {
            pause = properties.rebootPollMax();
        }
        // On the shared grid, so the restarting instances of one replica are looked at together (one call for 50).
        Instant at = after(pause, now);
        return within(next.lookAgainAt(at.isAfter(deadline) ? deadline : at, now));
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

    private String resultingOs(Job job, PlannedStep step, StepCommands.Ended ended) {
        List<PlannedStep> steps = job.steps();
        if (!steps.get(steps.size() - 1).name().equals(step.name())) {
            return null;
        }
        return ScriptOutput.resultingOs(ended.result()).or(() -> ScriptOutput.resultingOs(ended.console()))
                .orElseGet(() -> cloud.describe(job.regionId(), job.instanceId())
                        .map(InstanceCloud.InstanceStatus::osName).orElse(null));
    }

    /** For a failed step that left a report (leapp upgrade, convert2rhel): what blocks, from the report. */
    private static String reportSays(PlannedStep step, StepCommands.Ended ended) {
        if (ended.result() == null || ended.result().isBlank()) {
            return "";
        }
        if (step.result() == StepResultFormat.CHECKS) {
            List<String> failed = ended.result().lines().filter(l -> l.contains(" failed ")).toList();
            return failed.isEmpty() ? "" : "; " + String.join("; ", failed);
        }
        if (!step.result().isReport()) {
            return "";
        }
        try {
            PreflightReport report = read(step.result(), ended.result(), ended.exitCode());
            List<String> blocking = report.critical().stream().map(PreflightFinding::title).toList();
            return blocking.isEmpty() ? "" : "; the report names: " + String.join("; ", blocking);
        } catch (IllegalArgumentException unreadable) {
            return "; its report is unreadable: " + unreadable.getMessage();
        }
    }

    private static PreflightReport read(StepResultFormat format, String report, Integer exitCode) {
        return format == StepResultFormat.CONVERT2RHEL_REPORT ? Convert2RhelReports.parse(report, exitCode)
                : LeappReports.parse(report, exitCode);
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
        Optional<StepCommands.Ended> result = ended(job, drill);
        if (result.isEmpty()) {
            Duration limit = Duration.ofSeconds(drill.timeoutSeconds());
            if (now.isAfter(drill.startedAt().plus(limit).plus(TIMEOUT_GRACE))) {
                return lifecycle.drillFailed(job, "the drill did not finish within " + limit, null, "", now);
            }
            return pollRunning(job, drill.startedAt(), limit, now);
        }
        StepCommands.Ended ended = result.get();
        Integer code = ended.exitCode();
        if (ended.outcome() == StepCommands.Outcome.NOT_RUN || ended.outcome() == StepCommands.Outcome.RESTARTING
                || code != null && code >= CatalogueRecipes.INSTALL_FAILED_BASE) {
            return lifecycle.drillFailed(job, drillFailure(ended), code, ended.console(), now);
        }
        if (!drill.result().isReport()) {
            if (ended.outcome() != StepCommands.Outcome.SUCCEEDED) {
                return lifecycle.drillFailed(job, failureReason(MigrationRecipes.DRILL, ended), code,
                        ended.console(), now);
            }
            return lifecycle.drillFinished(job, List.of(new DrillItem("PREFLIGHT_NOT_AVAILABLE", DrillItem.INFO,
                    "The migration tool is installed; it has no check of its own", lastLine(ended.console()),
                    null)), code, ended.console(), now);
        }
        PreflightReport report;
        try {
            if (ended.result() == null || ended.result().isBlank()) {
                throw new IllegalArgumentException("the tool wrote no report");
            }
            report = read(drill.result(), ended.result(), code);
        } catch (IllegalArgumentException unreadable) {
            return lifecycle.drillFailed(job, failureReason(MigrationRecipes.DRILL, ended) + "; "
                    + unreadable.getMessage(), code, ended.console(), now);
        }
        List<DrillItem> items = report.findings().stream().map(f -> item(job, f)).toList();
        return lifecycle.drillFinished(job, items, code, ended.console(), now);
    }

    /** A tool's finding as a drill item; a blocking one the plan remedies (autoRemediate) no longer blocks. */
    private DrillItem item(Job job, PreflightFinding finding) {
        DrillItem item = new DrillItem(finding.code(), finding.severity().name(), finding.title(), finding.detail(),
                finding.hint(), finding.command(), finding.targets());
        return item.isCritical() && recipes.remedies(job, finding.code()) ? item.remediatedBeforeMigration() : item;
    }

    private static String drillFailure(StepCommands.Ended ended) {
        Integer code = ended.exitCode();
        if (code != null && code >= CatalogueRecipes.ANSWERS_FAILED_BASE) {
            return "the drill could not record the answers to the tool's dialogs (leapp answer exit code "
                    + (code - CatalogueRecipes.ANSWERS_FAILED_BASE) + "): " + lastLine(ended.console());
        }
        if (code != null && code >= CatalogueRecipes.INSTALL_FAILED_BASE) {
            return "the drill could not install the migration tool (install exit code "
                    + (code - CatalogueRecipes.INSTALL_FAILED_BASE) + "): " + lastLine(ended.console());
        }
        return failureReason(MigrationRecipes.DRILL, ended);
    }

    // ---- failures ----

    /**
     * A permanent ECS error ends the step (or drill) at once; a transient one is tried again after a back-off that
     * doubles with every failure in a row, until {@code cloud-retry.max-attempts}.
     */
    private JobChange cloudFailed(Job job, CloudApiException e, Instant now) {
        // Instance actions name an unknown instance InvalidInstanceId.NotFound, Cloud Assistant's InvalidInstance.NotFound.
        boolean instanceGone = e.isNotFound() && ("InvalidInstanceId.NotFound".equals(e.code())
                || "InvalidInstance.NotFound".equals(e.code()));
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

    /** The step, what Cloud Assistant says, and the console's last lines (where a script and its tool say why). */
    private static String failureReason(String step, StepCommands.Ended ended) {
        String why = ended.problem() == null || ended.problem().isBlank() ? "failed" : ended.problem();
        String tail = lastLines(ended.console(), 3);
        return step + ": " + why + (tail.isEmpty() ? "" : ": " + tail);
    }

    private static String lastLines(String output, int count) {
        if (output == null || output.isBlank()) {
            return "";
        }
        List<String> lines = output.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static String lastLine(String output) {
        if (output == null) {
            return "";
        }
        String[] lines = output.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
