package io.osmigration.executor.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job state machine: every state with its deadline, every allowed transition with its trigger and its
 * compensation, in two tables ({@link #STATES}, {@link #TRANSITIONS}) that the module README renders. Every change of a
 * job's state is one of these methods, and each checks its move against the table: a trigger the table does not allow
 * in the job's state (a late or repeated event, a control that no longer applies) is refused, logged, and changes
 * nothing.
 */
public final class JobLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobLifecycle.class);
    public static final Duration DEFAULT_ROLLBACK_WAIT = Duration.ofHours(2);

    /**
     * A state: what it means, its default deadline ({@code osm.executor.deadlines.<state>}), whether it takes one of
     * the batch's {@code maxParallel} slots and whether it claims the instance.
     */
    public record StateRule(JobState state, String meaning, Optional<Duration> defaultDeadline, boolean holdsSlot,
                            boolean holdsInstance) {

        /** The property that sets this state's deadline; terminal states have none. */
        public Optional<String> deadlineProperty() {
            return state.isFinished() ? Optional.empty()
                    : Optional.of("osm.executor.deadlines." + state.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
    }

    /** An allowed move: in {@code from}, {@code trigger} leads to {@code to} and needs {@code compensation}. */
    public record Transition(JobState from, Trigger trigger, JobState to, Compensation compensation, String when) {
    }

    public static final List<StateRule> STATES = List.of(
            state(JobState.PENDING, "accepted; waits for a free slot in its batch's wave", null, false, false),
            state(JobState.PRECHECKING, "precheck-service checks the server", Duration.ofMinutes(30), true, true),
            state(JobState.SNAPSHOTTING, "snapshot-service snapshots every disk", Duration.ofHours(2), true, true),
            state(JobState.DRILLING, "the recipe's tool is installed and its own check rehearses the migration (Leapp "
                    + "preupgrade, convert2rhel analyze); changes nothing else",
                    Duration.ofHours(2), true, true),
            state(JobState.AWAITING_APPROVAL, "drilled under DRILL_ONLY; waits for an operator's :start",
                    Duration.ofDays(7), false, true),
            state(JobState.MIGRATING, "the steps of its plan run on the instance through Cloud Assistant",
                    Duration.ofHours(6), true, true),
            state(JobState.COMPLETED, "migrated and verified", null, false, false),
            state(JobState.PRECHECK_FAILED, "the precheck found critical items (or the instance was busy); nothing "
                    + "changed", null, false, false),
            state(JobState.FAILED, "ended without completing; claims the instance while a rollback it asked for runs "
                    + "(at most osm.executor.deadlines.rollback-wait)", null, false, false),
            state(JobState.ROLLED_BACK, "failed, and every disk is back on its snapshot", null, false, false),
            state(JobState.CANCELLED, "cancelled by an operator; claims the instance while a rollback runs", null,
                    false, false));

    private static final Set<JobState> WORKED = EnumSet.of(JobState.DRILLING, JobState.MIGRATING);
    private static final Set<JobState> ENDED = EnumSet.of(JobState.FAILED, JobState.CANCELLED);

    public static final List<Transition> TRANSITIONS = List.of(
            move(JobState.PENDING, Trigger.RELEASE, JobState.PRECHECKING, Compensation.NONE, ""),
            move(JobState.PENDING, Trigger.INSTANCE_BUSY, JobState.PRECHECK_FAILED, Compensation.NONE, ""),
            move(JobState.PENDING, Trigger.CANCEL, JobState.CANCELLED, Compensation.NONE, ""),
            move(JobState.PENDING, Trigger.DEADLINE, JobState.FAILED, Compensation.NONE, "a deadline is configured"),
            move(JobState.PRECHECKING, Trigger.PRECHECK_PASSED, JobState.SNAPSHOTTING, Compensation.NONE, ""),
            move(JobState.PRECHECKING, Trigger.PRECHECK_FAILED, JobState.PRECHECK_FAILED, Compensation.NONE, ""),
            move(JobState.PRECHECKING, Trigger.SNAPSHOTS_CREATED, JobState.DRILLING, Compensation.NONE,
                    "seen before PrecheckPassed (another topic); drillMode ≠ NONE"),
            move(JobState.PRECHECKING, Trigger.SNAPSHOTS_CREATED, JobState.MIGRATING, Compensation.NONE,
                    "seen before PrecheckPassed (another topic); drillMode NONE"),
            move(JobState.PRECHECKING, Trigger.SNAPSHOTS_FAILED, JobState.FAILED, Compensation.NONE, ""),
            move(JobState.PRECHECKING, Trigger.CANCEL, JobState.CANCELLED, Compensation.SNAPSHOTS_UNUSED, ""),
            move(JobState.PRECHECKING, Trigger.DEADLINE, JobState.FAILED, Compensation.SNAPSHOTS_UNUSED, ""),
            move(JobState.SNAPSHOTTING, Trigger.SNAPSHOTS_CREATED, JobState.DRILLING, Compensation.NONE,
                    "drillMode ≠ NONE"),
            move(JobState.SNAPSHOTTING, Trigger.SNAPSHOTS_CREATED, JobState.MIGRATING, Compensation.NONE,
                    "drillMode NONE"),
            move(JobState.SNAPSHOTTING, Trigger.SNAPSHOTS_FAILED, JobState.FAILED, Compensation.NONE,
                    "snapshot-service cleaned up after itself"),
            move(JobState.SNAPSHOTTING, Trigger.CANCEL, JobState.CANCELLED, Compensation.SNAPSHOTS_UNUSED, ""),
            move(JobState.SNAPSHOTTING, Trigger.DEADLINE, JobState.FAILED, Compensation.SNAPSHOTS_UNUSED, ""),
            move(JobState.DRILLING, Trigger.DRILL_PASSED, JobState.MIGRATING, Compensation.NONE, "DRILL_AND_MIGRATE"),
            move(JobState.DRILLING, Trigger.DRILL_PASSED, JobState.AWAITING_APPROVAL, Compensation.NONE,
                    "DRILL_ONLY"),
            move(JobState.DRILLING, Trigger.DRILL_CRITICAL, JobState.FAILED, Compensation.SNAPSHOTS_UNUSED,
                    "DRILL_AND_MIGRATE"),
            move(JobState.DRILLING, Trigger.DRILL_CRITICAL, JobState.AWAITING_APPROVAL, Compensation.NONE,
                    "DRILL_ONLY; :start is refused"),
            move(JobState.DRILLING, Trigger.DRILL_FAILED, JobState.FAILED, Compensation.SNAPSHOTS_UNUSED, ""),
            move(JobState.DRILLING, Trigger.NO_INSTANCE, JobState.FAILED, Compensation.SNAPSHOTS_UNUSED, ""),
            move(JobState.DRILLING, Trigger.CANCEL, JobState.CANCELLED, Compensation.SNAPSHOTS_UNUSED, ""),
            move(JobState.DRILLING, Trigger.DEADLINE, JobState.FAILED, Compensation.SNAPSHOTS_UNUSED, ""),
            move(JobState.AWAITING_APPROVAL, Trigger.APPROVED, JobState.MIGRATING, Compensation.NONE,
                    "the drill found nothing CRITICAL"),
            move(JobState.AWAITING_APPROVAL, Trigger.CANCEL, JobState.CANCELLED, Compensation.SNAPSHOTS_UNUSED, ""),
            move(JobState.AWAITING_APPROVAL, Trigger.DEADLINE, JobState.FAILED, Compensation.SNAPSHOTS_UNUSED, ""),
            move(JobState.MIGRATING, Trigger.STEPS_DONE, JobState.COMPLETED, Compensation.NONE, ""),
            move(JobState.MIGRATING, Trigger.STEP_FAILED, JobState.FAILED, Compensation.BY_STEPS_STARTED, ""),
            move(JobState.MIGRATING, Trigger.INSTANCE_LOST, JobState.FAILED, Compensation.ROLL_BACK_DISKS,
                    "checked before each step and while one runs (not while the plan reboots it)"),
            move(JobState.MIGRATING, Trigger.NO_INSTANCE, JobState.FAILED, Compensation.SNAPSHOTS_UNUSED, ""),
            move(JobState.MIGRATING, Trigger.CANCEL, JobState.CANCELLED, Compensation.BY_STEPS_STARTED,
                    "at the next step boundary: a half-run step is never interrupted"),
            move(JobState.MIGRATING, Trigger.DEADLINE, JobState.FAILED, Compensation.BY_STEPS_STARTED, ""),
            move(JobState.FAILED, Trigger.DISKS_ROLLED_BACK, JobState.ROLLED_BACK, Compensation.NONE,
                    "releases the instance"),
            move(JobState.FAILED, Trigger.ROLLBACK_UNCONFIRMED, JobState.FAILED, Compensation.NONE,
                    "releases the instance; the error says to check it"),
            move(JobState.FAILED, Trigger.LATE_SNAPSHOTS, JobState.FAILED, Compensation.SNAPSHOTS_UNUSED, ""),
            move(JobState.CANCELLED, Trigger.DISKS_ROLLED_BACK, JobState.CANCELLED, Compensation.NONE,
                    "releases the instance"),
            move(JobState.CANCELLED, Trigger.ROLLBACK_UNCONFIRMED, JobState.CANCELLED, Compensation.NONE,
                    "releases the instance; the error says to check it"),
            move(JobState.CANCELLED, Trigger.LATE_SNAPSHOTS, JobState.CANCELLED, Compensation.SNAPSHOTS_UNUSED, ""));

    private final Deadlines deadlines;
    private final MigrationRecipes recipes;

    public JobLifecycle(Deadlines deadlines, MigrationRecipes recipes) {
        this.deadlines = deadlines;
        this.recipes = recipes;
    }

    /** Whether a job in {@code state} claims its instance (see {@link Job#holdsInstance()} for rollbacks). */
    public static boolean holdsInstance(JobState state) {
        return STATES.stream().anyMatch(rule -> rule.state() == state && rule.holdsInstance());
    }

    /** The deadline a job entering {@code state} gets, if any. */
    public Optional<Duration> deadlineOf(JobState state) {
        return deadlines.of(state);
    }

    // ---- creation and release ----

    /** A new job of an accepted batch: PENDING until its wave has room for it. */
    public Job accept(String jobId, String batchId, String requestId, int position, String sourceId,
                      String instanceId, String regionId, String destinationOs, DrillMode drillMode,
                      List<String> autoRemediate, String submissionId, Instant now) {
        return Job.pending(jobId, batchId, requestId, position, sourceId, instanceId, regionId, destinationOs, drillMode,
                autoRemediate, submissionId, now, deadlineAt(JobState.PENDING, now));
    }

    /** The wave has a slot for the job: it claims its instance and asks for its precheck. */
    public JobChange release(Job job, Instant now) {
        return move(job, Trigger.RELEASE, JobState.PRECHECKING, now, d -> { }, null, null,
                List.of(new JobEvent.Released()));
    }

    /** The wave has a slot but the instance is in another active job: this job ends, naming that one. */
    public JobChange instanceBusy(Job job, String otherJobId, String otherBatchId, Instant now) {
        Finding busy = Finding.instanceBusy(job.instanceId() == null ? job.sourceId() : job.instanceId(), otherJobId,
                otherBatchId);
        return move(job, Trigger.INSTANCE_BUSY, JobState.PRECHECK_FAILED, now, d -> {
            d.findings = List.of(busy);
            d.addError(busy.detail());
        }, null, null, List.of());
    }

    // ---- precheck and snapshots ----

    public JobChange precheckPassed(Job job, String eventId, List<Finding> findings, Instant now) {
        if (job.is(JobState.PRECHECKING)) {
            return move(job, Trigger.PRECHECK_PASSED, JobState.SNAPSHOTTING, now, d -> {
                d.lastEventId = eventId;
                d.findings = mergePrecheck(job, findings);
            }, null, null, List.of());
        }
        if (job.state().isActive() || job.is(JobState.AWAITING_APPROVAL)) {
            // The snapshots were seen first (another topic): keep the precheck's warnings all the same.
            Job.Draft d = job.draft(now);
            d.findings = mergePrecheck(job, findings);
            return JobChange.within(d.build(), List.of());
        }
        return refuse(job, Trigger.PRECHECK_PASSED);
    }

    public JobChange precheckFailed(Job job, String eventId, List<Finding> findings, Instant now) {
        return move(job, Trigger.PRECHECK_FAILED, JobState.PRECHECK_FAILED, now, d -> {
            d.lastEventId = eventId;
            d.findings = mergePrecheck(job, findings);
            d.addError("The precheck found critical items");
        }, null, null, List.of());
    }

    public JobChange snapshotsCreated(Job job, String eventId, List<SnapshotRef> snapshots, Instant now) {
        Consumer<Job.Draft> record = d -> {
            d.lastEventId = eventId;
            d.snapshots = snapshots;
        };
        if (ENDED.contains(job.state())) {
            // Snapshots of a job that ended meanwhile: nothing will use them; tell snapshot-service.
            return move(job, Trigger.LATE_SNAPSHOTS, job.state(), now, record, null,
                    "the job had ended when its snapshots arrived", List.of(), "late-snapshots:" + eventId);
        }
        JobState next = job.drillMode() == DrillMode.NONE ? JobState.MIGRATING : JobState.DRILLING;
        return move(job, Trigger.SNAPSHOTS_CREATED, next, now, record, null, null, List.of());
    }

    public JobChange snapshotsFailed(Job job, String eventId, String reason, Instant now) {
        return move(job, Trigger.SNAPSHOTS_FAILED, JobState.FAILED, now, d -> {
            d.lastEventId = eventId;
            d.addError("Snapshots could not be created: " + reason);
        }, null, null, List.of());
    }

    public JobChange disksRolledBack(Job job, String eventId, String restoredOs, Instant now) {
        JobState next = job.is(JobState.FAILED) ? JobState.ROLLED_BACK : job.state();
        return move(job, Trigger.DISKS_ROLLED_BACK, next, now, d -> {
            d.lastEventId = eventId;
            d.snapshots = job.snapshots().stream().map(s -> s.withStatus(SnapshotRef.RESTORED)).toList();
            d.rollbackPending = false;
            d.rollbackDeadline = null;
            d.addError("disks rolled back" + (restoredOs == null ? "" : " to " + restoredOs));
        }, null, null, List.of());
    }

    /** Nobody confirmed the rollback in time: the job stops claiming the instance, and says so. */
    public JobChange rollbackUnconfirmed(Job job, Instant now) {
        if (!job.rollbackPending() || job.rollbackDeadline() == null || now.isBefore(job.rollbackDeadline())) {
            return refuse(job, Trigger.ROLLBACK_UNCONFIRMED);
        }
        return move(job, Trigger.ROLLBACK_UNCONFIRMED, job.state(), now, d -> {
            d.rollbackPending = false;
            d.rollbackDeadline = null;
            d.addError("the rollback was not confirmed within " + deadlines.rollbackWait()
                    + "; the instance is free for other jobs again: check it before migrating it");
        }, null, null, List.of());
    }

    // ---- drill ----

    /** The drill ran and its report was read. */
    public JobChange drillFinished(Job job, List<DrillItem> items, Integer exitCode, String output, Instant now) {
        boolean critical = items.stream().anyMatch(DrillItem::isCritical);
        List<Finding> drillFindings = items.stream().map(Finding::fromDrill).toList();
        JobEvent drilled = new JobEvent.DrillCompleted(drillFindings, critical);
        Consumer<Job.Draft> record = d -> {
            d.drill = job.drill().finished(StepStatus.SUCCEEDED, exitCode, ScriptOutput.excerpt(output), now);
            List<Finding> all = new ArrayList<>(job.findings());
            all.addAll(drillFindings);
            d.findings = all;
        };
        boolean drillOnly = job.drillMode() == DrillMode.DRILL_ONLY;
        if (!critical) {
            return move(job, Trigger.DRILL_PASSED, drillOnly ? JobState.AWAITING_APPROVAL : JobState.MIGRATING, now,
                    record, null, null, List.of(drilled));
        }
        if (drillOnly) {
            return move(job, Trigger.DRILL_CRITICAL, JobState.AWAITING_APPROVAL, now, record, null, null,
                    List.of(drilled));
        }
        String reason = "The drill found critical items: " + String.join("; ",
                items.stream().filter(DrillItem::isCritical).map(DrillItem::title).toList());
        return move(job, Trigger.DRILL_CRITICAL, JobState.FAILED, now, record.andThen(d -> {
            d.failedStep = MigrationRecipes.DRILL;
            d.addError(reason);
        }), MigrationRecipes.DRILL, reason, List.of(drilled));
    }

    /** The drill failed, its report was unreadable, it timed out, or ECS refused it for good. */
    public JobChange drillFailed(Job job, String reason, Integer exitCode, String output, Instant now) {
        return move(job, Trigger.DRILL_FAILED, JobState.FAILED, now, d -> {
            if (job.drill() != null) {
                d.drill = job.drill().finished(StepStatus.FAILED, exitCode, ScriptOutput.excerpt(output), now);
            }
            d.failedStep = MigrationRecipes.DRILL;
            d.addError(reason);
        }, MigrationRecipes.DRILL, reason, List.of());
    }

    /** An operator lets a drilled job migrate; refused when the drill found CRITICAL items. */
    public JobChange approve(Job job, Instant now) {
        if (job.drillFoundCritical()) {
            return refuse(job, Trigger.APPROVED, "its drill found critical items");
        }
        return move(job, Trigger.APPROVED, JobState.MIGRATING, now, d -> { }, null, null, List.of());
    }

    // ---- steps ----

    /** A step succeeded: the next one is due, or the job is COMPLETED after the last, or it stops if cancelled. */
    public JobChange stepSucceeded(Job job, String stepName, Integer exitCode, String output, String resultingOs,
                                   Instant now) {
        Optional<PlannedStep> current = job.currentStep().filter(step -> step.name().equals(stepName));
        if (!job.is(JobState.MIGRATING) || current.isEmpty() || current.get().isDone()) {
            return refuse(job, Trigger.STEPS_DONE, "step " + stepName + " is not the one running");
        }
        PlannedStep done = current.get().finished(StepStatus.SUCCEEDED, exitCode, ScriptOutput.excerpt(output), now);
        Job progressed = job.withStep(done, now);
        JobEvent stepDone = new JobEvent.StepDone(done);
        if (progressed.currentStep().isEmpty()) {
            return move(job, Trigger.STEPS_DONE, JobState.COMPLETED, now, d -> {
                d.steps = progressed.steps();
                d.resultingOs = resultingOs;
            }, null, null, List.of(stepDone, new JobEvent.Completed()));
        }
        if (job.cancelRequested()) {
            return cancelAtStepBoundary(progressed, job.cancelReason(), List.of(stepDone), now);
        }
        return JobChange.within(progressed.lookAgainAt(now, now), List.of(stepDone));
    }

    /** A step failed; the job fails and undoes what the steps that started need undone. */
    public JobChange stepFailed(Job job, String stepName, String reason, Integer exitCode, String output,
                                Instant now) {
        Optional<PlannedStep> current = job.currentStep().filter(step -> step.name().equals(stepName));
        if (current.isEmpty()) {
            return refuse(job, Trigger.STEP_FAILED, "step " + stepName + " is not the one running");
        }
        PlannedStep failed = current.get().finished(StepStatus.FAILED, exitCode, ScriptOutput.excerpt(output), now);
        return move(job, Trigger.STEP_FAILED, JobState.FAILED, now, d -> {
            d.steps = job.withStep(failed, now).steps();
            d.failedStep = stepName;
            d.addError(reason);
        }, stepName, reason, List.of(new JobEvent.StepDone(failed)));
    }

    /** Someone else stopped, restarted or released the instance during the migration. */
    public JobChange instanceLost(Job job, String reason, Instant now) {
        Optional<PlannedStep> running = job.currentStep().filter(PlannedStep::started);
        List<JobEvent> told = new ArrayList<>();
        Job withStep = job;
        if (running.isPresent()) {
            PlannedStep failed = running.get().finished(StepStatus.FAILED, null, "osm: " + reason, now);
            withStep = job.withStep(failed, now);
            told.add(new JobEvent.StepDone(failed));
        }
        List<PlannedStep> steps = withStep.steps();
        String stepName = job.currentStep().map(PlannedStep::name).orElse(null);
        return move(job, Trigger.INSTANCE_LOST, JobState.FAILED, now, d -> {
            d.steps = steps;
            d.failedStep = stepName;
            d.addError(reason);
        }, stepName, reason, told);
    }

    /** The source has no ECS instance id: Cloud Assistant cannot reach it. */
    public JobChange noInstance(Job job, Instant now) {
        String reason = "source " + job.sourceId() + " has no ECS instance id: the steps run through Cloud Assistant";
        return move(job, Trigger.NO_INSTANCE, JobState.FAILED, now, d -> d.addError(reason), null, reason, List.of());
    }

    // ---- operators and the clock ----

    /**
     * Cancels the job. Before MIGRATING it ends at once; while a step runs it is marked and stops at the next step
     * boundary (a step half-run on the instance cannot be interrupted safely).
     */
    public JobChange cancel(Job job, String reason, Instant now) {
        if (job.is(JobState.MIGRATING)) {
            boolean stepRunning = job.currentStep().map(PlannedStep::started).orElse(false);
            if (stepRunning) {
                if (job.cancelRequested()) {
                    return refuse(job, Trigger.CANCEL, "already cancelled");
                }
                Job.Draft d = job.draft(now);
                d.cancelRequested = true;
                d.cancelReason = reason;
                return JobChange.within(d.build(), List.of());
            }
            return cancelAtStepBoundary(job, reason, List.of(), now);
        }
        return move(job, Trigger.CANCEL, JobState.CANCELLED, now, d -> d.addError(reason), null, reason, List.of());
    }

    private JobChange cancelAtStepBoundary(Job job, String reason, List<JobEvent> before, Instant now) {
        String why = reason + (job.changedTheInstance() ? " between steps; the disks are rolled back" : "");
        return move(job, Trigger.CANCEL, JobState.CANCELLED, now, d -> {
            d.steps = job.steps();
            d.cancelRequested = false;
            d.addError(why);
        }, null, why, before);
    }

    /** The job's state outlived its deadline: it fails, naming the state and the deadline. */
    public JobChange deadlinePassed(Job job, Instant now) {
        if (job.deadlineAt() == null || now.isBefore(job.deadlineAt())) {
            return refuse(job, Trigger.DEADLINE, "its deadline has not passed");
        }
        Duration limit = deadlines.of(job.state()).orElse(Duration.between(job.stateSince(), job.deadlineAt()));
        String property = STATES.stream().filter(rule -> rule.state() == job.state()).findFirst()
                .flatMap(StateRule::deadlineProperty).orElse("");
        String reason = job.state() + " did not end within its deadline of " + iso(limit) + " (" + property + ")";
        Optional<PlannedStep> running = job.is(JobState.MIGRATING)
                ? job.currentStep().filter(PlannedStep::started) : Optional.empty();
        String step = running.map(PlannedStep::name).orElse(job.is(JobState.DRILLING) ? MigrationRecipes.DRILL : null);
        List<JobEvent> told = new ArrayList<>();
        List<PlannedStep> steps = running.map(current -> {
            PlannedStep failed = current.finished(StepStatus.FAILED, null, "osm: " + reason, now);
            told.add(new JobEvent.StepDone(failed));
            return job.withStep(failed, now).steps();
        }).orElse(job.steps());
        return move(job, Trigger.DEADLINE, JobState.FAILED, now, d -> {
            d.steps = steps;
            d.failedStep = step;
            d.addError(reason);
        }, step, reason, told);
    }

    // ---- the table at work ----

    /**
     * A job that enters a worked state (DRILLING, MIGRATING) is first looked at on the next half second: jobs whose
     * snapshots came in about together then start together, and their first reads (the instance's status) share calls.
     */
    static Instant onTheHalfSecond(Instant now) {
        long millis = now.toEpochMilli();
        return Instant.ofEpochMilli((millis + 499) / 500 * 500);
    }

    private JobChange move(Job job, Trigger trigger, JobState to, Instant now, Consumer<Job.Draft> details,
                           String failedStep, String reason, List<JobEvent> told) {
        return move(job, trigger, to, now, details, failedStep, reason, told, trigger.name().toLowerCase(Locale.ROOT));
    }

    private JobChange move(Job job, Trigger trigger, JobState to, Instant now, Consumer<Job.Draft> details,
                           String failedStep, String reason, List<JobEvent> told, String cause) {
        Optional<Transition> allowed = TRANSITIONS.stream().filter(t -> t.from() == job.state()
                && t.trigger() == trigger && t.to() == to).findFirst();
        if (allowed.isEmpty()) {
            return refuse(job, trigger);
        }
        Job.Draft d = job.draft(now);
        details.accept(d);
        if (to != job.state()) {
            d.state = to;
            d.stateSince = now;
            d.deadlineAt = deadlineAt(to, now);
            d.nextActionAt = WORKED.contains(to) ? onTheHalfSecond(now) : null;
            d.cloudFailures = 0;
            d.lastCloudError = null;
            plan(job, to, d);
        }
        List<JobEvent> events = new ArrayList<>(told);
        compensate(allowed.get().compensation(), job, d, failedStep, reason, cause, now).ifPresent(events::add);
        return new JobChange(d.build(), events, allowed.get(), null);
    }

    /**
     * Plans the drill on entering DRILLING and the migration's steps on entering MIGRATING, from the job as this move
     * leaves it (the drill's findings included: they name what the remedies act on).
     */
    private void plan(Job job, JobState to, Job.Draft d) {
        if (to == JobState.DRILLING && job.drill() == null) {
            d.drill = PlannedStep.of(job.jobId(), recipes.drill(d.build()));
        }
        if (to == JobState.MIGRATING && job.steps().isEmpty()) {
            d.steps = recipes.plan(d.build()).stream().map(spec -> PlannedStep.of(job.jobId(), spec)).toList();
        }
    }

    private Optional<JobEvent> compensate(Compensation compensation, Job job, Job.Draft d, String failedStep,
                                          String reason, String cause, Instant now) {
        Compensation resolved = compensation == Compensation.BY_STEPS_STARTED
                ? (steps(d).stream().anyMatch(PlannedStep::changesInstance) ? Compensation.ROLL_BACK_DISKS
                : Compensation.SNAPSHOTS_UNUSED)
                : compensation;
        String why = reason == null ? d.error : reason;
        switch (resolved) {
            case ROLL_BACK_DISKS -> {
                d.rollbackPending = true;
                d.rollbackDeadline = now.plus(deadlines.rollbackWait());
                return Optional.of(new JobEvent.Failed(failedStep, why, true, cause));
            }
            case SNAPSHOTS_UNUSED -> {
                // Nothing to tell snapshot-service before it reported snapshots; if they come later, LATE_SNAPSHOTS.
                return d.snapshots.isEmpty() ? Optional.empty()
                        : Optional.of(new JobEvent.Failed(failedStep, why, false, cause));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static List<PlannedStep> steps(Job.Draft d) {
        return d.steps;
    }

    private Instant deadlineAt(JobState state, Instant now) {
        return deadlines.of(state).map(now::plus).orElse(null);
    }

    private static List<Finding> mergePrecheck(Job job, List<Finding> precheck) {
        List<Finding> all = new ArrayList<>(precheck);
        job.findings().stream().filter(f -> !Finding.PRECHECK.equals(f.source())).forEach(all::add);
        return all;
    }

    private static JobChange refuse(Job job, Trigger trigger) {
        return refuse(job, trigger, "no transition for it in " + job.state());
    }

    private static JobChange refuse(Job job, Trigger trigger, String why) {
        log.info("Job {} ({}): {} refused: {}", job.jobId(), job.state(), trigger, why);
        return JobChange.refused(job, trigger + " refused in " + job.state() + ": " + why);
    }

    private static StateRule state(JobState state, String meaning, Duration deadline, boolean slot,
                                   boolean instance) {
        return new StateRule(state, meaning, Optional.ofNullable(deadline), slot, instance);
    }

    private static Transition move(JobState from, Trigger trigger, JobState to, Compensation compensation,
                                   String when) {
        return new Transition(from, trigger, to, compensation, when);
    }

    // ---- the tables as the README shows them ----

    /** ISO-8601 as people write it: whole days as {@code P7D} rather than {@code PT168H}. */
    static String iso(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 ? "P" + duration.toDays() + "D" : duration.toString();
    }

    /** The two tables as Markdown, exactly as the module README holds them between its state-table markers. */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| state | meaning | deadline (default) | wave slot | claims the instance |\n");
        md.append("| --- | --- | --- | --- | --- |\n");
        for (StateRule rule : STATES) {
            md.append("| `").append(rule.state()).append("` | ").append(rule.meaning()).append(" | ")
                    .append(rule.deadlineProperty().map(p -> "`" + p.substring("osm.executor.".length()) + "` ("
                            + rule.defaultDeadline().map(JobLifecycle::iso).orElse("none") + ")").orElse("—"))
                    .append(" | ").append(rule.holdsSlot() ? "yes" : "no").append(" | ")
                    .append(rule.holdsInstance() ? "yes" : rule.state() == JobState.FAILED
                            || rule.state() == JobState.CANCELLED ? "while its rollback runs" : "no")
                    .append(" |\n");
        }
        md.append("\n| from | trigger | to | compensation | when |\n");
        md.append("| --- | --- | --- | --- | --- |\n");
        for (Transition t : TRANSITIONS) {
            md.append("| `").append(t.from()).append("` | ").append(t.trigger()).append(" | `").append(t.to())
                    .append("` | ").append(t.compensation()).append(" | ").append(t.when()).append(" |\n");
        }
        md.append("\nTriggers: ");
        List<String> triggers = new ArrayList<>();
        for (Trigger trigger : Trigger.values()) {
            triggers.add("**" + trigger + "** " + trigger.meaning());
        }
        md.append(String.join("; ", triggers)).append(".\n\nCompensations: ");
        List<String> compensations = new ArrayList<>();
        for (Compensation compensation : Compensation.values()) {
            compensations.add("**" + compensation + "** " + compensation.meaning());
        }
        md.append(String.join("; ", compensations)).append(".\n");
        return md.toString();
    }
}
