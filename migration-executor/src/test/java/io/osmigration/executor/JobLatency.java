package io.osmigration.executor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.domain.PlannedStep;
import io.osmigration.simulator.ApiCall;

/**
 * Where the completed jobs' time went, from their stored steps and the simulator's call log: before the first step
 * (release, precheck, snapshots: Kafka hops), then per step marked started → its RunCommand → seen ended (a reboot
 * step also: its command ended → the agent seen back) → the next step marked; where ECS's FinishedTime is known, how
 * long the script ran and how long after its end the job saw it (FinishedTime has whole seconds: ±1 s). Medians and
 * means in milliseconds.
 */
final class JobLatency {

    private final Map<String, List<Long>> phases = new LinkedHashMap<>();

    private JobLatency() {
    }

    /** @param endedAt when ECS says each step's invocation ended (FinishedTime), by InvokeId; may be empty */
    static String of(Collection<Job> jobs, Collection<ApiCall> calls, Map<String, Instant> endedAt) {
        Map<String, Instant> runCommands = new LinkedHashMap<>();
        calls.stream().filter(c -> c.action().equals("RunCommand")).forEach(c -> c.instanceIds().forEach(id ->
                runCommands.putIfAbsent(id + " " + c.params().get("Name"), c.time())));
        JobLatency latency = new JobLatency();
        jobs.stream().filter(job -> job.is(JobState.COMPLETED)).forEach(job -> latency.add(job, runCommands, endedAt));
        return latency.toString();
    }

    private void add(Job job, Map<String, Instant> runCommands, Map<String, Instant> endedAt) {
        List<PlannedStep> steps = job.steps();
        record("before the steps", job.createdAt(), steps.get(0).startedAt());
        for (int i = 0; i < steps.size(); i++) {
            PlannedStep step = steps.get(i);
            String name = step.name();
            Instant ran = runCommands.get(job.instanceId() + " osm-" + name.toLowerCase(Locale.ROOT).replace('_', '-'));
            record(name + " marked→RunCommand", step.startedAt(), ran);
            if (step.commandFinishedAt() != null) {
                record(name + " RunCommand→ended", ran, step.commandFinishedAt());
                record(name + " ended→back", step.commandFinishedAt(), step.finishedAt());
            } else {
                record(name + " RunCommand→ended", ran, step.finishedAt());
                Instant ecsEnded = endedAt.get(step.invokeId());
                record(name + " RunCommand→ECS FinishedTime", ran, ecsEnded);
                record(name + " ECS FinishedTime→seen", ecsEnded, step.finishedAt());
            }
            if (i + 1 < steps.size()) {
                record(name + " ended→next marked", step.finishedAt(), steps.get(i + 1).startedAt());
            }
        }
        record("steps in all", steps.get(0).startedAt(), steps.get(steps.size() - 1).finishedAt());
        record("job in all", job.createdAt(), steps.get(steps.size() - 1).finishedAt());
    }

    private void record(String phase, Instant from, Instant to) {
        if (from != null && to != null) {
            phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(Duration.between(from, to).toMillis());
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("per job, median/mean ms:");
        phases.forEach((phase, values) -> {
            List<Long> sorted = values.stream().sorted().toList();
            double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0);
            text.append(String.format(Locale.ROOT, " [%s %d/%.0f]", phase, sorted.get(sorted.size() / 2), mean));
        });
        return text.toString();
    }
}
