package io.osmigration.executor.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.osmigration.executor.ExecutorProperties;
import io.osmigration.executor.domain.DrillItem;
import io.osmigration.executor.domain.DrillMode;
import io.osmigration.executor.domain.Ids;
import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.domain.MigrationStep;
import io.osmigration.executor.domain.ScriptOutput;
import io.osmigration.platform.cloud.CloudApiException;

/**
 * Advances one claimed job by one small move: start the next step's invocation, poll it, finish it. Each move is
 * stored before the next one starts (the ClientToken before RunCommand, the InvokeId right after, the result with
 * its MigrationStepDone in one write), so a crash at any point resumes without running a step twice.
 */
@Component
class JobStepper {

    private static final Logger log = LoggerFactory.getLogger(JobStepper.class);
    private static final String REBOOT = MigrationStep.REBOOT.name();

    private final JobStore jobs;
    private final BatchCoordinator batches;
    private final InstanceCommands commands;
    private final ScriptLibrary scripts;
    private final ExecutorProperties properties;
    private final Clock clock;
    private final JobEvents events;

    JobStepper(JobStore jobs, BatchCoordinator batches, InstanceCommands commands, ScriptLibrary scripts,
               ExecutorProperties properties, Clock clock) {
        this.jobs = jobs;
        this.batches = batches;
        this.commands = commands;
        this.scripts = scripts;
        this.properties = properties;
        this.clock = clock;
        this.events = new JobEvents(clock);
    }

    /** Returns when the job wants to be looked at again. */
    Instant advance(String jobId, String owner) {
        Optional<JobDocument> found = jobs.find(jobId).filter(job -> owner.equals(job.leaseOwner));
        if (found.isEmpty()) {
            return clock.instant();
        }
        JobDocument job = found.get();
        if (job.instanceId == null) {
            noInstance(job, owner);
            return clock.instant();
        }
        try {
            if (job.is(JobState.DRILLING)) {
                drill(job, owner);
            } else if (job.is(JobState.MIGRATING)) {
                migrate(job, owner);
            }
        } catch (CloudApiException e) {
            if (e.isNotFound() && "InvalidInstanceId.NotFound".equals(e.code())) {
                handsOff(job, owner, "instance " + job.instanceId + " no longer exists (released during the migration)");
            } else {
                log.warn("Job {}: ECS call failed, will retry: {}", job.id, e.getMessage());
                return clock.instant().plusSeconds(1);
            }
        }
        return clock.instant().plus(properties.pollInterval());
    }

    // ---- migration steps ----

    private void migrate(JobDocument job, String owner) {
        Optional<StepRecord> current = job.currentStep();
        if (current.isEmpty()) {
            return;
        }
        StepRecord step = current.get();
        if (StepRecord.PENDING.equals(step.status)) {
            if (job.cancelRequested) {
                cancelBetweenSteps(job, owner);
                return;
            }
            if (!instanceStillOurs(job, owner, step.name)) {
                return;
            }
            String token = Ids.clientToken(job.id, step.name);
            Instant startedAt = clock.instant();
            // The token is stored before the call: a crash after RunCommand finds the same invocation again.
            if (mutate(job.id, owner, JobState.MIGRATING, j -> {
                StepRecord s = stepOf(j, step.name);
                if (!StepRecord.PENDING.equals(s.status)) {
                    return false;
                }
                s.status = StepRecord.RUNNING;
                s.clientToken = token;
                s.startedAt = startedAt;
                return true;
            }).isEmpty()) {
                return;
            }
            step.clientToken = token;
            step.startedAt = startedAt;
            invoke(job, owner, step, MigrationStep.valueOf(step.name).script());
            return;
        }
        if (step.invokeId == null) {
            invoke(job, owner, step, MigrationStep.valueOf(step.name).script());
            return;
        }
        if (step.commandFinishedAt != null) {
            awaitReboot(job, owner, step);
            return;
        }
        if (!REBOOT.equals(step.name) && !instanceStillOurs(job, owner, step.name)) {
            return;
        }
        Optional<InstanceCommands.Invocation> result = commands.result(step.invokeId, job.instanceId, job.regionId);
        if (result.isEmpty() || !result.get().finished()) {
            if (timedOut(step.startedAt, properties.timeoutOf(step.name).plusMinutes(1))) {
                finishStep(job.id, owner, step.name, StepRecord.FAILED, null, "",
                        step.name + " did not finish within " + properties.timeoutOf(step.name));
            }
            return;
        }
        InstanceCommands.Invocation invocation = result.get();
        if (invocation.succeeded() && REBOOT.equals(step.name)) {
            // Look at once: a quick reboot may be over before the next poll, and then it was never seen going down.
            boolean down = commands.describe(job.instanceId, job.regionId)
                    .map(view -> !"Running".equals(view.status())).orElse(false);
            mutate(job.id, owner, JobState.MIGRATING, j -> {
                StepRecord s = stepOf(j, step.name);
                s.seenDown = down;
                s.commandFinishedAt = clock.instant();
                s.exitCode = invocation.exitCode();
                s.output = ScriptOutput.excerpt(invocation.output());
                return true;
            });
        } else if (invocation.succeeded()) {
            finishStep(job.id, owner, step.name, StepRecord.SUCCEEDED, invocation.exitCode(), invocation.output(), null);
        } else {
            finishStep(job.id, owner, step.name, StepRecord.FAILED, invocation.exitCode(), invocation.output(),
                    failureReason(step.name, invocation));
        }
    }

    private void invoke(JobDocument job, String owner, StepRecord step, String scriptName) {
        String invokeId = commands.run(job.instanceId, job.regionId, step.clientToken, "osm-" + step.name.toLowerCase(),
                scripts.render(scriptName, job.destinationOs), properties.timeoutOf(step.name));
        mutate(job.id, owner, job.jobState(), j -> {
            StepRecord s = "DRILL".equals(step.name) ? j.drill : stepOf(j, step.name);
            s.invokeId = invokeId;
            return true;
        });
        log.info("Job {} {} started on {} (InvokeId {})", job.id, step.name, job.instanceId, invokeId);
    }

    /** After REBOOT's script: wait until the instance went down and is Running with Cloud Assistant online. */
    private void awaitReboot(JobDocument job, String owner, StepRecord step) {
        Optional<InstanceCommands.InstanceView> view = commands.describe(job.instanceId, job.regionId);
        if (view.isEmpty()) {
            handsOff(job, owner, "instance " + job.instanceId + " no longer exists (released during the reboot)");
            return;
        }
        boolean running = "Running".equals(view.get().status());
        boolean online = running && commands.cloudAssistantOnline(job.instanceId, job.regionId);
        if (!online && !step.seenDown) {
            mutate(job.id, owner, JobState.MIGRATING, j -> stepOf(j, REBOOT).seenDown = true);
            return;
        }
        if (online && (step.seenDown || timedOut(step.commandFinishedAt, properties.rebootSettle()))) {
            finishStep(job.id, owner, REBOOT, StepRecord.SUCCEEDED, step.exitCode, step.output, null);
        } else if (timedOut(step.commandFinishedAt, properties.rebootWait())) {
            finishStep(job.id, owner, REBOOT, StepRecord.FAILED, step.exitCode, step.output,
                    "the instance did not come back (Running with Cloud Assistant online) within "
                            + properties.rebootWait() + " after the reboot; last status " + view.get().status());
        }
    }

    private void finishStep(String jobId, String owner, String stepName, String status, Integer exitCode,
                            String output, String reason) {
        boolean last = MigrationStep.valueOf(stepName) == MigrationStep.VERIFY;
        String resultingOs = null;
        if (StepRecord.SUCCEEDED.equals(status) && last) {
            resultingOs = ScriptOutput.resultingOs(output).orElse(null);
            if (resultingOs == null) {
                JobDocument job = jobs.find(jobId).orElseThrow();
                resultingOs = commands.describe(job.instanceId, job.regionId)
                        .map(InstanceCommands.InstanceView::osName).orElse(null);
            }
        }
        String os = resultingOs;
        Optional<JobDocument> saved = mutate(jobId, owner, JobState.MIGRATING, job -> {
            StepRecord step = stepOf(job, stepName);
            if (step.isDone()) {
                return false;
            }
            step.status = status;
            step.finishedAt = clock.instant();
            step.exitCode = exitCode;
            step.output = ScriptOutput.excerpt(output);
            events.stepDone(job, step);
            if (StepRecord.FAILED.equals(status)) {
                job.state = JobState.FAILED.name();
                job.failedStep = stepName;
                job.error = reason;
                events.failed(job, stepName, reason, true);
            } else if (last) {
                job.state = JobState.COMPLETED.name();
                job.resultingOs = os;
                events.completed(job);
            }
            return true;
        });
        saved.ifPresent(job -> {
            log.info("Job {} {} {} -> job {}", job.id, stepName, status, job.state);
            if (job.jobState().isFinished()) {
                batches.reconcile(job.batchId);
            }
        });
    }

    private void cancelBetweenSteps(JobDocument job, String owner) {
        Optional<JobDocument> saved = mutate(job.id, owner, JobState.MIGRATING, j -> {
            boolean changed = j.anyStepStarted();
            j.state = JobState.CANCELLED.name();
            j.error = "Cancelled by an operator" + (changed ? " between steps; the disks are rolled back" : "");
            events.failed(j, null, j.error, changed);
            return true;
        });
        saved.ifPresent(j -> batches.reconcile(j.batchId));
    }

    /**
     * Hands off: during MIGRATING nobody else may stop, restart or release the instance. If someone did, the job
     * fails safely and asks for the rollback. Not checked during REBOOT, where the executor restarts it itself.
     */
    private boolean instanceStillOurs(JobDocument job, String owner, String stepName) {
        Optional<InstanceCommands.InstanceView> view = commands.describe(job.instanceId, job.regionId);
        if (view.isEmpty()) {
            handsOff(job, owner, "instance " + job.instanceId + " no longer exists (released during the migration)");
            return false;
        }
        if (!"Running".equals(view.get().status())) {
            handsOff(job, owner, "instance " + job.instanceId + " is " + view.get().status()
                    + ": it was stopped or restarted by someone else during " + stepName);
            return false;
        }
        return true;
    }

    private void handsOff(JobDocument job, String owner, String reason) {
        Optional<JobDocument> saved = mutate(job.id, owner, JobState.MIGRATING, j -> {
            StepRecord step = j.currentStep().orElse(null);
            String stepName = step == null ? null : step.name;
            if (step != null && StepRecord.RUNNING.equals(step.status)) {
                step.status = StepRecord.FAILED;
                step.finishedAt = clock.instant();
                step.output = "osm: " + reason;
                events.stepDone(j, step);
            }
            j.state = JobState.FAILED.name();
            j.failedStep = stepName;
            j.error = reason;
            events.failed(j, stepName, reason, true);
            return true;
        });
        saved.ifPresent(j -> {
            log.warn("Job {} failed safely: {}", j.id, reason);
            batches.reconcile(j.batchId);
        });
    }

    /** A source imported by activation code without an ECS instance id cannot be driven through Cloud Assistant. */
    private void noInstance(JobDocument job, String owner) {
        String reason = "source " + job.sourceId + " has no ECS instance id: the steps run through Cloud Assistant";
        Optional<JobDocument> saved = mutate(job.id, owner, job.jobState(), j -> {
            j.state = JobState.FAILED.name();
            j.error = reason;
            events.failed(j, null, reason, false);
            return true;
        });
        saved.ifPresent(j -> batches.reconcile(j.batchId));
    }

    // ---- drill ----

    private void drill(JobDocument job, String owner) {
        if (job.drill == null || job.drill.clientToken == null) {
            String token = Ids.clientToken(job.id, "drill");
            Instant startedAt = clock.instant();
            Optional<JobDocument> saved = mutate(job.id, owner, JobState.DRILLING, j -> {
                if (j.drill != null && j.drill.clientToken != null) {
                    return false;
                }
                j.drill = new StepRecord("DRILL");
                j.drill.status = StepRecord.RUNNING;
                j.drill.clientToken = token;
                j.drill.startedAt = startedAt;
                return true;
            });
            if (saved.isPresent()) {
                invoke(saved.get(), owner, saved.get().drill, "drill.sh");
            }
            return;
        }
        if (job.drill.invokeId == null) {
            invoke(job, owner, job.drill, "drill.sh");
            return;
        }
        Optional<InstanceCommands.Invocation> result = commands.result(job.drill.invokeId, job.instanceId, job.regionId);
        if (result.isEmpty() || !result.get().finished()) {
            if (timedOut(job.drill.startedAt, properties.drillTimeout().plusMinutes(1))) {
                drillFailed(job.id, owner, null, "the drill did not finish within " + properties.drillTimeout());
            }
            return;
        }
        InstanceCommands.Invocation invocation = result.get();
        List<DrillItem> items;
        try {
            items = DrillReportParser.parse(invocation.output());
        } catch (IllegalArgumentException unreadable) {
            drillFailed(job.id, owner, invocation, failureReason("DRILL", invocation) + "; " + unreadable.getMessage());
            return;
        }
        drillDone(job.id, owner, invocation, items);
    }

    private void drillDone(String jobId, String owner, InstanceCommands.Invocation invocation, List<DrillItem> items) {
        boolean critical = items.stream().anyMatch(DrillItem::isCritical);
        Optional<JobDocument> saved = mutate(jobId, owner, JobState.DRILLING, job -> {
            job.drill.status = StepRecord.SUCCEEDED;
            job.drill.finishedAt = clock.instant();
            job.drill.exitCode = invocation.exitCode();
            job.drill.output = ScriptOutput.excerpt(invocation.output());
            List<FindingRecord> drillFindings = items.stream().map(FindingRecord::fromDrill).toList();
            List<FindingRecord> all = new ArrayList<>(job.findings);
            all.addAll(drillFindings);
            job.findings = all;
            events.drillCompleted(job, drillFindings, critical);
            if (DrillMode.valueOf(job.drillMode) == DrillMode.DRILL_ONLY) {
                job.state = JobState.AWAITING_APPROVAL.name();
            } else if (critical) {
                job.state = JobState.FAILED.name();
                job.failedStep = "DRILL";
                job.error = "The drill found critical items: " + items.stream().filter(DrillItem::isCritical)
                        .map(DrillItem::title).reduce((a, b) -> a + "; " + b).orElse("");
                // Nothing changed on the instance: no rollback, and snapshot-service may release the snapshots.
                events.failed(job, "DRILL", job.error, false);
            } else {
                job.state = JobState.MIGRATING.name();
            }
            return true;
        });
        saved.filter(job -> job.jobState().isFinished()).ifPresent(job -> batches.reconcile(job.batchId));
    }

    private void drillFailed(String jobId, String owner, InstanceCommands.Invocation invocation, String reason) {
        Optional<JobDocument> saved = mutate(jobId, owner, JobState.DRILLING, job -> {
            job.drill.status = StepRecord.FAILED;
            job.drill.finishedAt = clock.instant();
            if (invocation != null) {
                job.drill.exitCode = invocation.exitCode();
                job.drill.output = ScriptOutput.excerpt(invocation.output());
            }
            job.state = JobState.FAILED.name();
            job.failedStep = "DRILL";
            job.error = reason;
            events.failed(job, "DRILL", reason, false);
            return true;
        });
        saved.ifPresent(job -> batches.reconcile(job.batchId));
    }

    // ---- helpers ----

    /** A change made only while this replica still holds the job's lease and the job is still in {@code state}. */
    private Optional<JobDocument> mutate(String jobId, String owner, JobState state, Predicate<JobDocument> change) {
        return jobs.update(jobId, job -> owner.equals(job.leaseOwner) && job.is(state) && change.test(job));
    }

    private static StepRecord stepOf(JobDocument job, String name) {
        job.currentStep();
        return job.steps.stream().filter(step -> step.name.equals(name)).findFirst().orElseThrow();
    }

    private boolean timedOut(Instant since, Duration limit) {
        return since != null && clock.instant().isAfter(since.plus(limit));
    }

    private static String failureReason(String step, InstanceCommands.Invocation invocation) {
        String why = invocation.errorInfo() == null || invocation.errorInfo().isBlank() ? "" : " (" + invocation.errorInfo() + ")";
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
